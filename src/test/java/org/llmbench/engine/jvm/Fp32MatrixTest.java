package org.llmbench.engine.jvm;

import org.llmbench.runtime.Parallel;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Fp32MatrixTest {
    @Test
    void multiplyMatchesAScalarReferenceForOddSizesAndBatches() {
        SplittableRandom r = new SplittableRandom(9);
        int[][] shapes = {{1, 1}, {7, 33}, {5, 100}, {3, 65}, {17, 8}, {2, 257}, {5, 1100}, {67, 1100}}; // 1100: three column tiles, the last one partial
        try (Parallel pool = new Parallel(2)) {
            for (int[] shape : shapes) {
                int rows = shape[0], cols = shape[1];
                float[] w = new float[rows * cols];
                for (int i = 0; i < w.length; i++) w[i] = (float) r.nextDouble(-1, 1);
                Fp32Matrix m = new Fp32Matrix(w, rows, cols);
                for (int batch : new int[]{1, 3, 4, 5, 8, 9, 37}) {
                    float[] x = new float[batch * cols];
                    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-1, 1);
                    float[] out = new float[batch * rows];
                    m.multiply(pool, x, out, batch);
                    if (rows > 2) m.multiply(x, out, batch, 1, rows - 1); // an odd sub-range gives the same rows again
                    for (int b = 0; b < batch; b++) {
                        for (int row = 0; row < rows; row++) {
                            double ref = 0;
                            for (int c = 0; c < cols; c++) ref += (double) w[row * cols + c] * x[b * cols + c];
                            assertEquals(ref, out[b * rows + row], 1e-5 * Math.sqrt(cols), rows + "x" + cols + " batch " + batch);
                        }
                    }
                }
            }
        }
    }
}
