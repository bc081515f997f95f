package org.llmbench.weights;

import java.nio.ByteBuffer;

/** A tensor as a file stores it: its type and a read-only view of its bytes in the mapped file. */
public record StoredTensor(String name, int rows, int cols, TensorType storedType, ByteBuffer storedBytes) implements TensorData {
    @Override
    public float[] toFloats() {
        return TensorDecoder.toFloats(storedType, storedBytes, Math.multiplyExact(rows, cols));
    }

    @Override
    public ByteBuffer storedBytes() {
        return storedBytes.duplicate();
    }
}
