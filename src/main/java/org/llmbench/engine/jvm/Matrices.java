package org.llmbench.engine.jvm;

import org.llmbench.quant.Quant;
import org.llmbench.weights.TensorData;

/** Builds the kernel-owning {@link Matrix} for a tensor in the requested quant. */
public final class Matrices {
    private Matrices() {
    }

    public static Matrix of(TensorData t, Quant quant) {
        float[] w = t.toFloats();
        return switch (quant) {
            case FP32 -> new Fp32Matrix(w, t.rows(), t.cols());
            case FP16 -> Fp16Matrix.quantize(t.name(), w, t.rows(), t.cols());
            case BF16 -> Bf16Matrix.quantize(w, t.rows(), t.cols());
            case INT8 -> Int8Matrix.quantize(w, t.rows(), t.cols());
            case INT4 -> Int4Matrix.quantize(w, t.rows(), t.cols());
            case NF4 -> Nf4Matrix.quantize(w, t.rows(), t.cols());
            case DYNAMIC -> DynamicInt8Matrix.quantize(t.name(), w, t.rows(), t.cols());
        };
    }

    /** Fails fast, before any weight is generated, for a quant this engine cannot run (today it runs them all). */
    public static void requireSupported(Quant quant) {
        java.util.Objects.requireNonNull(quant, "quant");
    }
}
