package org.llmbench.quant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** K-quant blocks packed by hand from known 6-bit / 5-bit / 4-bit values, scales and mins. */
class KQuantsTest {
    @Test
    void q6kDecodesKnownValues() {
        // value i: q = (i * 7) % 64 (6 bits), scale of its 16-value group = (group - 8), d = 0.5
        byte[] b = new byte[KQuants.Q6_K_BYTES * 2];
        float[] want = new float[512];
        for (int blk = 0; blk < 2; blk++) {
            int o = blk * KQuants.Q6_K_BYTES;
            for (int g = 0; g < 16; g++) b[o + 192 + g] = (byte) (g - 8 + blk);
            LittleEndian.putShort(b, o + 208, Fp16.fromFloat(0.5f));
            for (int i = 0; i < 256; i++) {
                int q = (i * 7 + blk) % 64;
                want[blk * 256 + i] = 0.5f * (i / 16 - 8 + blk) * (q - 32);
                // layout: half h = i / 128; within it l = i % 32, quarter k = (i % 128) / 32
                int h = i / 128, k = (i % 128) / 32, l = i % 32;
                int ql = o + h * 64 + l + (k % 2 == 1 ? 32 : 0);
                b[ql] |= (byte) (k < 2 ? q & 0xF : (q & 0xF) << 4);
                b[o + 128 + h * 32 + l] |= (byte) ((q >> 4) << (2 * k));
            }
        }
        float[] got = new float[512];
        KQuants.decodeQ6K(b, 0, 2, got, 0);
        assertArrayEquals(want, got);
    }

    /** Packs 8 six-bit scales and mins into 12 bytes as ggml's get_scale_min_k4 reads them. */
    private static void packScales(byte[] b, int o, int[] sc, int[] mn) {
        for (int j = 0; j < 4; j++) {
            b[o + j] = (byte) ((sc[j] & 63) | ((sc[j + 4] >> 4) << 6));
            b[o + j + 4] = (byte) ((mn[j] & 63) | ((mn[j + 4] >> 4) << 6));
            b[o + j + 8] = (byte) ((sc[j + 4] & 0xF) | ((mn[j + 4] & 0xF) << 4));
        }
    }

    @Test
    void q4kAndQ5kDecodeKnownValues() {
        int[] sc = {1, 5, 17, 63, 33, 48, 2, 60}, mn = {0, 3, 40, 63, 21, 16, 7, 50};
        float d = 0.25f, dmin = 0.125f;
        byte[] q4 = new byte[KQuants.Q4_K_BYTES], q5 = new byte[KQuants.Q5_K_BYTES];
        LittleEndian.putShort(q4, 0, Fp16.fromFloat(d));
        LittleEndian.putShort(q4, 2, Fp16.fromFloat(dmin));
        packScales(q4, 4, sc, mn);
        System.arraycopy(q4, 0, q5, 0, 16);
        float[] want4 = new float[256], want5 = new float[256];
        for (int i = 0; i < 256; i++) {
            int sub = i / 32, pair = i / 64, l = i % 32, v = (i * 5 + 3) % 32;
            boolean high = sub % 2 == 1;
            q4[16 + pair * 32 + l] |= (byte) (high ? (v & 0xF) << 4 : v & 0xF);
            q5[48 + pair * 32 + l] |= (byte) (high ? (v & 0xF) << 4 : v & 0xF);
            if (v >= 16) q5[16 + l] |= (byte) (1 << sub);
            want4[i] = d * sc[sub] * (v & 0xF) - dmin * mn[sub];
            want5[i] = d * sc[sub] * v - dmin * mn[sub];
        }
        float[] got = new float[256];
        KQuants.decodeQ4K(q4, 0, 1, got, 0);
        assertArrayEquals(want4, got, 1e-6f);
        KQuants.decodeQ5K(q5, 0, 1, got, 0);
        assertArrayEquals(want5, got, 1e-6f);
    }
}
