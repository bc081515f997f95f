package org.llmbench.model;

/**
 * One weight tensor of a model, named as GGUF names it. A matrix has {@code rows} output
 * features of {@code cols} inputs each (row-major, GGUF's ne = [cols, rows]); a vector has rows == 1.
 */
public record TensorSpec(String name, int rows, int cols, boolean matrix) {
    public static TensorSpec matrix(String name, int rows, int cols) {
        return new TensorSpec(name, rows, cols, true);
    }

    public static TensorSpec vector(String name, int length) {
        return new TensorSpec(name, 1, length, false);
    }

    public long elements() {
        return (long) rows * cols;
    }
}
