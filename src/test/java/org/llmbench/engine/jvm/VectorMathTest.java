package org.llmbench.engine.jvm;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The attention and MLP primitives against plain double-precision loops, at lengths with and without tails. */
class VectorMathTest {
    private static final int[] LENGTHS = {1, 3, 4, 7, 8, 16, 17, 33, 64, 100};

    @Test
    void softmaxSumsToOneAndMatchesExp() {
        SplittableRandom r = new SplittableRandom(1);
        for (int n : LENGTHS) {
            float[] s = new float[n + 2];
            for (int i = 0; i < s.length; i++) s[i] = (float) (r.nextGaussian() * 8);
            float[] x = s.clone();
            VectorMath.softmax(s, n);
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int i = 0; i < n; i++) max = Math.max(max, x[i]);
            for (int i = 0; i < n; i++) sum += Math.exp(x[i] - max);
            for (int i = 0; i < n; i++) assertEquals(Math.exp(x[i] - max) / sum, s[i], 1e-6, "n " + n + " at " + i);
            assertEquals(x[n], s[n], "past n untouched");
        }
    }

    @Test
    void weightedSumOfStridedRows() {
        SplittableRandom r = new SplittableRandom(2);
        for (int len : LENGTHS) {
            for (int n : new int[]{1, 2, 9}) {
                int stride = len + 5, vo = 3;
                float[] p = new float[n], v = new float[vo + n * stride], out = new float[len + 4];
                for (int i = 0; i < n; i++) p[i] = (float) r.nextDouble();
                for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
                VectorMath.weightedSum(p, n, v, vo, stride, out, 2, len);
                for (int j = 0; j < len; j++) {
                    double want = 0;
                    for (int t = 0; t < n; t++) want += (double) p[t] * v[vo + t * stride + j];
                    assertEquals(want, out[2 + j], 1e-5, "len " + len + " n " + n + " at " + j);
                }
            }
        }
    }

    @Test
    void siluTimesUp() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : LENGTHS) {
            float[] up = new float[n + 1], gate = new float[n + 1];
            for (int i = 0; i <= n; i++) {
                up[i] = (float) r.nextGaussian();
                gate[i] = (float) (r.nextGaussian() * 6);
            }
            float[] before = up.clone();
            VectorMath.siluMul(up, gate, n);
            for (int i = 0; i < n; i++) assertEquals(before[i] * gate[i] / (1 + Math.exp(-gate[i])), up[i], 1e-6 * (1 + Math.abs(up[i])), "n " + n + " at " + i);
            assertEquals(before[n], up[n], "past n untouched");
        }
    }
}
