package org.llmbench.engine.jvm;

import org.junit.jupiter.api.Test;
import org.llmbench.quant.Q8_0;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vectorized activation quantization against Q8_0's scalar rule, value by value. */
class Q8ActivationsTest {
    @Test
    void everyValueRoundsExactlyAsQ8_0Does() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int cols : new int[]{32, 64, 70, 1, 31, 100}) {
            int batch = 13; // a group of 8 rows, one of 4 and one alone: every case of Q8Activations.xAt
            float[] x = new float[batch * cols];
            for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextGaussian() * 2);
            // halves, just-below-halves and zeros: where rounding rules differ
            for (int i = 0; i + 4 < x.length; i += 9) {
                x[i] = 127f; // the block's absmax: id = 1, so the values below are what is rounded
                x[i + 1] = 2.5f;
                x[i + 2] = -3.5f;
                x[i + 3] = 0.49999997f;
                x[i + 4] = 0f;
            }
            Q8Activations a = Q8Activations.of(x, batch, cols);
            int blocks = Q8_0.blocks(cols);
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < blocks; k++) {
                    int start = b * cols + k * 32, len = Math.min(32, cols - k * 32);
                    float d = Q8_0.scale(x, start, len), id = d != 0 ? 1f / d : 0f;
                    assertEquals(d, a.d[b * blocks + k], "scale of block " + k);
                    int sum = 0;
                    for (int j = start; j < start + len; j++) {
                        assertEquals(Q8_0.quantize(x[j], id), a.q[j], "cols " + cols + " value " + j + " = " + x[j]);
                        if (len == 32) assertEquals(a.q[j] * d, a.x[Q8Activations.xAt(b, k, batch, cols / 32) + j - start]);
                        sum += a.q[j];
                    }
                    assertEquals(sum, a.sums[b * blocks + k], "sum of block " + k);
                }
            }
        }
    }
}
