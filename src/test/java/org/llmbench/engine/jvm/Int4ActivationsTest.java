package org.llmbench.engine.jvm;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The int4 kernels' activation order: every value where qAt says, the padding zero, buffers reused. */
class Int4ActivationsTest {
    @Test
    void everyValueLandsWhereTheLayoutSays() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int cols : new int[]{600, 31, 128, 256, 512, 70, 1100}) { // a partial group and block, one block, whole groups
            int batch = 13, blocks = (cols + 31) / 32, group = Int4Activations.GROUP, groups = (blocks + group - 1) / group;
            float[] x = new float[batch * cols];
            for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
            Q8Activations q8 = Q8Activations.of(x, batch, cols);
            Int4Activations a = Int4Activations.of(q8, batch, cols, groups);
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < groups * group; k++) {
                    boolean real = k < blocks;
                    float d = real ? q8.d[b * blocks + k] : 0f;
                    assertEquals(d, a.d[b * groups * group + k], "scale of block " + k);
                    assertEquals(real ? 8 * (int) q8.sums[b * blocks + k] : 0, a.sums8[b * groups * group + k], "sum of block " + k);
                    for (int e = 0; e < 32; e++) {
                        int col = k * 32 + e;
                        short want = col < cols ? q8.q[b * cols + col] : 0;
                        assertEquals(want, a.q[Int4Activations.qAt(b, k, e, groups)], "cols " + cols + " row " + b + " block " + k + " value " + e);
                    }
                }
            }
        }
    }
}
