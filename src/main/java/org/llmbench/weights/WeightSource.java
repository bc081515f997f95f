package org.llmbench.weights;

import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;

/** Where a model's weights come from: synthetic, a GGUF file or a Hugging Face folder. */
public interface WeightSource extends AutoCloseable {
    ModelSpec spec();

    /** The tensor with this GGUF name; a missing tensor is an LlmbenchException naming it. */
    TensorData tensor(String name);

    boolean synthetic();

    /** Where the weights came from, for results: "synthetic (seed 42)" or a file and its checksum. */
    String origin();

    /**
     * The quant that runs these weights as stored (what quant "auto" means): the engine quant of
     * the type most matrix values are stored in. Synthetic weights are generated as fp32.
     */
    default Quant storedQuant() {
        return Quant.FP32;
    }

    /**
     * What loading at this quant converts, e.g. "Q6_K tensors (1) dequantized and quantized to int4
     * on load", or null when every weight runs as stored (or is generated for the quant).
     */
    default String conversion(Quant quant) {
        return null;
    }

    @Override
    default void close() {
    }
}
