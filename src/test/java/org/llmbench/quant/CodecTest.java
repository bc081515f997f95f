package org.llmbench.quant;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class CodecTest {
    @Test
    void fp16KnownValues() {
        float[] in = {1f, -2f, 0.1f, 1f / 3, 65504f, 65519f, 65520f, 0x1p-24f, 0x1p-25f, 3 * 0x1p-25f, 1e-5f, 0f, -0f, Float.POSITIVE_INFINITY, 1e6f};
        int[] out = {0x3C00, 0xC000, 0x2E66, 0x3555, 0x7BFF, 0x7BFF, 0x7C00, 0x0001, 0x0000, 0x0002, 0x00A8, 0x0000, 0x8000, 0x7C00, 0x7C00};
        for (int i = 0; i < in.length; i++) {
            assertEquals(out[i], Fp16.fromFloat(in[i]) & 0xFFFF, "fp16 of " + in[i]);
        }
        assertTrue(Float.isNaN(Fp16.toFloat(Fp16.fromFloat(Float.NaN))));
        assertEquals(65504f, Fp16.toFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, Fp16.toFloat((short) 0x0001));
        assertEquals(-0x1p-14f, Fp16.toFloat((short) 0x8400));
    }

    @Test
    void fp16EveryHalfRoundTripsAndEncodingIsNearest() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Fp16.toFloat((short) h);
            if (!Float.isNaN(f)) assertEquals(h, Fp16.fromFloat(f) & 0xFFFF, "half " + Integer.toHexString(h));
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            float f = (float) ((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(-28, 17)));
            short h = Fp16.fromFloat(f);
            double err = Math.abs(Fp16.toFloat(h) - (double) f);
            for (int step : new int[]{-1, 1}) { // no neighbouring half is closer
                float nb = Fp16.toFloat((short) (h + step));
                if (!Float.isInfinite(nb) && (((h + step) & 0x7FFF) != 0x7FFF)) assertTrue(err <= Math.abs(nb - (double) f), "fp16 of " + f);
            }
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertEquals(0x3F80, Bf16.fromFloat(1f) & 0xFFFF);
        assertEquals(0x4049, Bf16.fromFloat((float) Math.PI) & 0xFFFF);
        assertEquals(0x3F80, Bf16.fromFloat(Float.intBitsToFloat(0x3F808000)) & 0xFFFF); // tie, even stays
        assertEquals(0x3F82, Bf16.fromFloat(Float.intBitsToFloat(0x3F818000)) & 0xFFFF); // tie, odd rounds up
        assertEquals(0x3F81, Bf16.fromFloat(Float.intBitsToFloat(0x3F808001)) & 0xFFFF);
        assertEquals(-2f, Bf16.toFloat((short) 0xC000));
        assertTrue(Float.isNaN(Bf16.toFloat(Bf16.fromFloat(Float.NaN))));
        assertEquals(Float.POSITIVE_INFINITY, Bf16.toFloat(Bf16.fromFloat(Float.MAX_VALUE)));
    }

    @Test
    void q8_0KnownBlock() {
        float[] x = new float[32];
        for (int j = 0; j < 32; j++) x[j] = j - 16;
        x[5] = 0.3f;
        byte[] b = new byte[Q8_0.bytes(32)];
        Q8_0.encode(x, 0, 32, b, 0);
        assertEquals(34, b.length);
        assertEquals(0x08, b[0] & 0xFF); // d = 16/127 as fp16 0x3008, little-endian
        assertEquals(0x30, b[1] & 0xFF);
        int[] q = {-127, -119, -111, -103, -95, 2, -79, -71, -64, -56, -48, -40, -32, -24, -16, -8,
                0, 8, 16, 24, 32, 40, 48, 56, 64, 71, 79, 87, 95, 103, 111, 119}; // from numpy, as llama.cpp computes
        for (int j = 0; j < 32; j++) assertEquals(q[j], b[2 + j], "q" + j);
        float[] back = new float[32];
        Q8_0.decode(b, 0, 32, back, 0);
        assertEquals(-127 * Fp16.toFloat((short) 0x3008), back[0]);
    }

    @Test
    void q4_0KnownBlock() {
        float[] x = new float[32];
        for (int j = 0; j < 32; j++) x[j] = j - 16; // largest magnitude -16: d = 2, id = 0.5
        byte[] b = new byte[Q4_0.bytes(32)];
        Q4_0.encode(x, 0, 32, b, 0);
        assertEquals(18, b.length);
        assertEquals(0x00, b[0] & 0xFF); // 2.0 as fp16 is 0x4000
        assertEquals(0x40, b[1] & 0xFF);
        int[] lo = {0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8};
        int[] hi = {8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 15};
        for (int j = 0; j < 16; j++) assertEquals(lo[j] | hi[j] << 4, b[2 + j] & 0xFF, "byte " + j);
        float[] back = new float[32];
        Q4_0.decode(b, 0, 32, back, 0);
        assertEquals(-16f, back[0]);
        assertEquals(14f, back[31]); // clamped at q = 15
    }

    @Test
    void nf4KnownBlockAndPacking() {
        float[] x = new float[64];
        for (int j = 0; j < 16; j++) x[j] = Nf4.CODEBOOK[j] * 3f;
        byte[] b = new byte[Nf4.bytes(64)];
        Nf4.encode(x, 0, 64, b, 0);
        assertEquals(36, b.length);
        assertEquals(3f, LittleEndian.getFloat(b, 0));
        assertEquals(0x01, b[4]);  // elements 0, 1 -> indices 0 (high nibble), 1 (low)
        assertEquals(0xEF, b[11] & 0xFF); // elements 14, 15
        assertEquals(0x77, b[12]); // zeros map to index 7
        float[] back = new float[64];
        Nf4.decode(b, 0, 64, back, 0);
        for (int j = 0; j < 64; j++) assertEquals(x[j], back[j], 1e-6f);
        assertEquals(7, Nf4.index(0.01f));
        assertEquals(15, Nf4.index(0.9f));
    }

    @Test
    void quantizeDequantizeErrorBoundsWithPartialBlocks() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 100; // 3 whole blocks of 32 and a partial one; one whole block of 64 and a partial one
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextGaussian() * 0.05);
        float[] y = new float[n];
        byte[] b8 = new byte[Q8_0.bytes(n)];
        Q8_0.encode(x, 0, n, b8, 0);
        Q8_0.decode(b8, 0, n, y, 0);
        assertWithinHalfStep(x, y, 32, 127, 1.0);
        byte[] b4 = new byte[Q4_0.bytes(n)];
        Q4_0.encode(x, 0, n, b4, 0);
        Q4_0.decode(b4, 0, n, y, 0);
        assertWithinHalfStep(x, y, 32, 8, 2.0); // the end opposite the largest value clamps at q = 15: one whole step
        byte[] nf = new byte[Nf4.bytes(n)];
        Nf4.encode(x, 0, n, nf, 0);
        Nf4.decode(nf, 0, n, y, 0);
        double widestGap = 0;
        for (int i = 0; i < 15; i++) widestGap = Math.max(widestGap, Nf4.CODEBOOK[i + 1] - Nf4.CODEBOOK[i]);
        for (int blk = 0; blk < 2; blk++) {
            float amax = 0;
            for (int i = blk * 64; i < Math.min(n, blk * 64 + 64); i++) amax = Math.max(amax, Math.abs(x[i]));
            for (int i = blk * 64; i < Math.min(n, blk * 64 + 64); i++) {
                assertEquals(x[i], y[i], amax * widestGap / 2 + 1e-7, "nf4 element " + i);
            }
        }
        assertEquals(0, b8[Q8_0.bytes(n) - 1]); // padding
    }

    /** Each element is within half a quantization step (absmax / levels) of the original, up to fp16 scale rounding. */
    private static void assertWithinHalfStep(float[] x, float[] y, int block, int levels, double slack) {
        for (int start = 0; start < x.length; start += block) {
            float amax = 0;
            for (int i = start; i < Math.min(x.length, start + block); i++) amax = Math.max(amax, Math.abs(x[i]));
            double step = amax / levels;
            for (int i = start; i < Math.min(x.length, start + block); i++) {
                assertEquals(x[i], y[i], slack * (step / 2 + amax * 1e-3), "element " + i + " (levels " + levels + ")");
            }
        }
    }
}
