package org.llmbench.weights;

import org.llmbench.model.ModelSpec;

/** Where a model's weights come from: synthetic, a GGUF file or a Hugging Face folder. */
public interface WeightSource extends AutoCloseable {
    ModelSpec spec();

    /** The tensor with this GGUF name; a missing tensor is an LlmbenchException naming it. */
    TensorData tensor(String name);

    boolean synthetic();

    /** Where the weights came from, for results: "synthetic (seed 42)" or a file and its checksum. */
    String origin();

    @Override
    default void close() {
    }
}
