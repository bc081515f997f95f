package org.llmbench.engine.jvm;

import org.llmbench.LlmbenchException;
import org.llmbench.quant.Quant;
import org.llmbench.weights.TensorData;

/** Builds the kernel-owning {@link Matrix} for a tensor in the requested quant. */
public final class Matrices {
    private Matrices() {
    }

    public static Matrix of(TensorData t, Quant quant) {
        return switch (quant) {
            case FP32 -> new Fp32Matrix(t.toFloats(), t.rows(), t.cols());
            default -> throw new LlmbenchException("Quant '" + quant + "' is not implemented by the jvm engine yet; it runs: fp32.");
        };
    }

    /** Fails fast, before any weight is generated, for a quant this engine cannot run. */
    public static void requireSupported(Quant quant) {
        if (quant != Quant.FP32) {
            throw new LlmbenchException("Quant '" + quant + "' is not implemented by the jvm engine yet; it runs: fp32.");
        }
    }
}
