package org.llmbench.weights;

/** One tensor as a weight source holds it. Shapes follow {@link org.llmbench.model.TensorSpec}. */
public interface TensorData {
    String name();

    int rows();

    int cols();

    /** The values as fp32, row-major (a dequantized copy when the source stores another type). */
    float[] toFloats();
}
