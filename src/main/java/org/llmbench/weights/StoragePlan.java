package org.llmbench.weights;

import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.Quant;

/**
 * Which tensors take the chosen quant. Every weight matrix does, the token embedding and
 * output head included (as llama.cpp's pure quantizations do); vectors (norm gains, biases)
 * and GPT-2's small position table stay fp32.
 */
public final class StoragePlan {
    private StoragePlan() {
    }

    public static Quant quantFor(TensorSpec t, Quant chosen) {
        return takesQuant(t) ? chosen : Quant.FP32;
    }

    /** Whether the tensor is stored in the chosen quant (every matrix but GPT-2's position table). */
    public static boolean takesQuant(TensorSpec t) {
        return t.matrix() && !t.name().startsWith("position_embd");
    }

    /** Exact bytes of all weights of a model stored with the chosen quant. */
    public static long weightBytes(ModelSpec spec, Quant chosen) {
        long sum = 0;
        for (TensorSpec t : spec.tensors()) {
            sum += quantFor(t, chosen).bytes(t.rows(), t.cols());
        }
        return sum;
    }
}
