package org.llmbench.engine.jvm;

import org.junit.jupiter.api.Test;
import org.llmbench.quant.Fp16;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kernels' vectorized fp16 scale conversion against Fp16's table, bit for bit. */
class BlockScalesTest {
    @Test
    void everyHalfConvertsExactly() {
        short[] all = new short[(1 << 16) + Q8DotMatrix.HALF_PAD]; // halves reads a full vector: arrays carry HALF_PAD spare shorts
        for (int i = 0; i < 1 << 16; i++) all[i] = (short) i;
        int lanes = org.llmbench.runtime.VectorWidth.LANES;
        float[] got = new float[lanes];
        for (int i = 0; i < 1 << 16; i += lanes) {
            Q8DotMatrix.halves(all, i).intoArray(got, 0);
            for (int j = 0; j < lanes; j++) {
                int h = i + j;
                assertEquals(Float.floatToRawIntBits(Fp16.toFloat(all[h])), Float.floatToRawIntBits(got[j]), () -> "half bits 0x" + Integer.toHexString(h));
            }
        }
    }

    @Test
    void blockScalesMultiplyBothScalesIncludingTheScalarTail() {
        for (int n : new int[]{0, 1, 3, 4, 7, 8, 13, 16, 17, 64, 70}) {
            short[] scale = new short[n + 5 + Q8DotMatrix.HALF_PAD];
            float[] d = new float[n + 3];
            for (int i = 0; i < scale.length; i++) scale[i] = Fp16.fromFloat(0.01f * (i - 4));
            for (int i = 0; i < d.length; i++) d[i] = 0.5f + i;
            float[] c = new float[n];
            Q8DotMatrix.blockScales(scale, 5, d, 3, n, c);
            for (int k = 0; k < n; k++) assertEquals(Fp16.toFloat(scale[5 + k]) * d[3 + k], c[k], "n " + n + " block " + k);
        }
    }
}
