package org.llmbench.weights.hf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class HfLayoutsTest {
    /** RoPE as Hugging Face applies it: pairs (j, j + half) of each head. */
    private static float[] ropeHalves(float[] x, int hd, int pos) {
        float[] y = x.clone();
        int half = hd / 2;
        for (int h = 0; h < x.length / hd; h++) {
            for (int j = 0; j < half; j++) {
                double a = pos * Math.pow(10000, -2.0 * j / hd);
                float c = (float) Math.cos(a), s = (float) Math.sin(a);
                int i0 = h * hd + j, i1 = i0 + half;
                y[i0] = x[i0] * c - x[i1] * s;
                y[i1] = x[i1] * c + x[i0] * s;
            }
        }
        return y;
    }

    /** RoPE as GGUF llama models and the JVM engine apply it: adjacent pairs (2j, 2j + 1). */
    private static float[] ropeAdjacent(float[] x, int hd, int pos) {
        float[] y = x.clone();
        for (int h = 0; h < x.length / hd; h++) {
            for (int j = 0; j < hd / 2; j++) {
                double a = pos * Math.pow(10000, -2.0 * j / hd);
                float c = (float) Math.cos(a), s = (float) Math.sin(a);
                int i0 = h * hd + 2 * j, i1 = i0 + 1;
                y[i0] = x[i0] * c - x[i1] * s;
                y[i1] = x[i1] * c + x[i0] * s;
            }
        }
        return y;
    }

    @Test
    void permutedRowsMakeAdjacentPairRopeEqualHuggingFacesHalves() {
        int heads = 3, hd = 8, cols = 1; // one column: the projection's output is the rows themselves
        float[] q = new float[heads * hd];
        for (int i = 0; i < q.length; i++) q[i] = (float) Math.sin(i * 1.7 + 0.3);
        float[] permuted = HfLayouts.ropePermute(q, heads, heads * hd, cols);
        for (int pos : new int[]{0, 1, 5, 17}) {
            float[] viaHf = HfLayouts.ropePermute(ropeHalves(q, hd, pos), heads, heads * hd, cols);
            assertArrayEquals(viaHf, ropeAdjacent(permuted, hd, pos), 1e-6f, "position " + pos);
        }
        // and dot products of q and k (what attention reads) agree
        assertNotEquals(ropeAdjacent(q, hd, 3)[1], ropeHalves(q, hd, 3)[1], "the two conventions differ without the permutation");
    }

    @Test
    void falconGroupsBecomeAllQueriesThenKeysThenValues() {
        // 4 heads, 2 kv groups, head size 1, one column: HF rows are [q0 q1 k0 v0 | q2 q3 k1 v1]
        float[] hf = {10, 11, 20, 30, 12, 13, 21, 31};
        assertArrayEquals(new float[]{10, 11, 12, 13, 20, 21, 30, 31}, HfLayouts.falconQkv(hf, 4, 2, 1, 1));
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, HfLayouts.transpose(new float[]{1, 2, 3, 4, 5, 6}, 2, 3));
    }
}
