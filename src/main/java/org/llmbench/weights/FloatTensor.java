package org.llmbench.weights;

/** A tensor held in memory as fp32 values. */
public record FloatTensor(String name, int rows, int cols, float[] data) implements TensorData {
    @Override
    public float[] toFloats() {
        return data;
    }
}
