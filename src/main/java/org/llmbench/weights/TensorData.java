package org.llmbench.weights;

import java.nio.ByteBuffer;

/** One tensor as a weight source holds it. Shapes follow {@link org.llmbench.model.TensorSpec}. */
public interface TensorData {
    String name();

    int rows();

    int cols();

    /** The values as fp32, row-major (a dequantized copy when the source stores another type). */
    float[] toFloats();

    /** How the source stores the values; F32 for tensors that exist only as floats. */
    default TensorType storedType() {
        return TensorType.F32;
    }

    /**
     * The stored bytes exactly as the file holds them (ggml's block layout, little-endian, rows
     * back to back), as a read-only view of the mapped file; null when the tensor exists only as
     * floats. Kernels that run the stored type copy these once into their own arrays.
     */
    default ByteBuffer storedBytes() {
        return null;
    }
}
