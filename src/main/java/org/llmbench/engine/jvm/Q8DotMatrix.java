package org.llmbench.engine.jvm;

/**
 * A matrix of integer weights whose kernel takes the activations quantized to int8 blocks
 * ({@link Q8Activations}), as llama.cpp's Q8_0 and Q4_0 dot products do: the activations are
 * quantized once per multiplication, before the rows are split over threads.
 */
abstract class Q8DotMatrix extends Matrix {
    Q8DotMatrix(int rows, int cols) {
        super(rows, cols);
    }

    @Override
    public final void multiply(Parallel pool, float[] x, float[] out, int batch) {
        Q8Activations a = Q8Activations.of(x, batch, cols);
        forRows(pool, batch, (r0, r1) -> multiply(a, out, batch, r0, r1));
    }

    @Override
    public final void multiply(float[] x, float[] out, int batch, int r0, int r1) {
        multiply(Q8Activations.of(x, batch, cols), out, batch, r0, r1);
    }

    /** As {@link #multiply(float[], float[], int, int, int)}, with the activations already quantized. */
    abstract void multiply(Q8Activations a, float[] out, int batch, int r0, int r1);
}
