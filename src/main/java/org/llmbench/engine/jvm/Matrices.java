package org.llmbench.engine.jvm;

import org.llmbench.quant.Quant;
import org.llmbench.weights.TensorData;

import java.nio.ByteBuffer;

/** Builds the kernel-owning {@link Matrix} for a tensor in the requested quant. */
public final class Matrices {
    private Matrices() {
    }

    public static Matrix of(TensorData t, Quant quant) {
        ByteBuffer stored = t.storedBytes();
        if (stored != null && t.storedType().quant() == quant) { // a file's Q8_0 / Q4_0 runs as stored
            if (quant == Quant.INT8) return Int8Matrix.fromQ8_0(bytes(stored), t.rows(), t.cols());
            if (quant == Quant.INT4) return Int4Matrix.fromQ4_0(bytes(stored), t.rows(), t.cols());
        }
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

    private static byte[] bytes(ByteBuffer stored) {
        byte[] b = new byte[stored.remaining()];
        stored.duplicate().get(b); // leave the source's buffer position alone
        return b;
    }

    /** Fails fast, before any weight is generated, for a quant this engine cannot run (today it runs them all). */
    public static void requireSupported(Quant quant) {
        java.util.Objects.requireNonNull(quant, "quant");
    }
}
