package org.llmbench.quant;

/**
 * Decoding of llama.cpp's K-quant super-blocks of 256 values (dequantize_row_q4_K/q5_K/q6_K in
 * ggml-quants.c). llmbench reads them from GGUF files (llama.cpp's quantizer stores the output head
 * of a Q4_0 model as Q6_K) and converts them on load; it never writes them.
 */
public final class KQuants {
    public static final int BLOCK = 256;
    /** fp16 d, fp16 dmin, 12 bytes of packed 6-bit scales and mins, 128 bytes of 4-bit values. */
    public static final int Q4_K_BYTES = 144;
    /** as Q4_K plus 32 bytes holding each value's fifth bit, before the 4-bit values. */
    public static final int Q5_K_BYTES = 176;
    /** 128 bytes of low 4 bits, 64 bytes of high 2 bits, 16 int8 scales, fp16 d (last). */
    public static final int Q6_K_BYTES = 210;

    private KQuants() {
    }

    /** Decodes blocks Q4_K blocks from src[srcOff ..) into dst[off .. off + 256 * blocks). */
    public static void decodeQ4K(byte[] src, int srcOff, int blocks, float[] dst, int off) {
        for (int b = 0; b < blocks; b++, srcOff += Q4_K_BYTES, off += BLOCK) {
            float d = Fp16.toFloat(LittleEndian.getShort(src, srcOff));
            float min = Fp16.toFloat(LittleEndian.getShort(src, srcOff + 2));
            int sc = srcOff + 4, q = srcOff + 16, y = off;
            for (int j = 0; j < 8; j += 2, q += 32) {
                float d1 = d * scale(src, sc, j), m1 = min * min(src, sc, j);
                float d2 = d * scale(src, sc, j + 1), m2 = min * min(src, sc, j + 1);
                for (int l = 0; l < 32; l++) dst[y++] = d1 * (src[q + l] & 0xF) - m1;
                for (int l = 0; l < 32; l++) dst[y++] = d2 * ((src[q + l] >> 4) & 0xF) - m2;
            }
        }
    }

    /** Decodes blocks Q5_K blocks from src[srcOff ..) into dst[off .. off + 256 * blocks). */
    public static void decodeQ5K(byte[] src, int srcOff, int blocks, float[] dst, int off) {
        for (int b = 0; b < blocks; b++, srcOff += Q5_K_BYTES, off += BLOCK) {
            float d = Fp16.toFloat(LittleEndian.getShort(src, srcOff));
            float min = Fp16.toFloat(LittleEndian.getShort(src, srcOff + 2));
            int sc = srcOff + 4, qh = srcOff + 16, q = srcOff + 48, y = off;
            for (int j = 0, u1 = 1, u2 = 2; j < 8; j += 2, q += 32, u1 <<= 2, u2 <<= 2) {
                float d1 = d * scale(src, sc, j), m1 = min * min(src, sc, j);
                float d2 = d * scale(src, sc, j + 1), m2 = min * min(src, sc, j + 1);
                for (int l = 0; l < 32; l++) dst[y++] = d1 * ((src[q + l] & 0xF) + ((src[qh + l] & u1) != 0 ? 16 : 0)) - m1;
                for (int l = 0; l < 32; l++) dst[y++] = d2 * (((src[q + l] >> 4) & 0xF) + ((src[qh + l] & u2) != 0 ? 16 : 0)) - m2;
            }
        }
    }

    /** Decodes blocks Q6_K blocks from src[srcOff ..) into dst[off .. off + 256 * blocks). */
    public static void decodeQ6K(byte[] src, int srcOff, int blocks, float[] dst, int off) {
        for (int b = 0; b < blocks; b++, srcOff += Q6_K_BYTES, off += BLOCK) {
            float d = Fp16.toFloat(LittleEndian.getShort(src, srcOff + 208));
            int ql = srcOff, qh = srcOff + 128, sc = srcOff + 192, y = off;
            for (int half = 0; half < 2; half++, ql += 64, qh += 32, sc += 8, y += 128) {
                for (int l = 0; l < 32; l++) {
                    int is = l / 16, h = src[qh + l];
                    int q1 = ((src[ql + l] & 0xF) | ((h & 3) << 4)) - 32;
                    int q2 = ((src[ql + l + 32] & 0xF) | (((h >> 2) & 3) << 4)) - 32;
                    int q3 = (((src[ql + l] >> 4) & 0xF) | (((h >> 4) & 3) << 4)) - 32;
                    int q4 = (((src[ql + l + 32] >> 4) & 0xF) | (((h >> 6) & 3) << 4)) - 32;
                    dst[y + l] = d * src[sc + is] * q1;
                    dst[y + l + 32] = d * src[sc + is + 2] * q2;
                    dst[y + l + 64] = d * src[sc + is + 4] * q3;
                    dst[y + l + 96] = d * src[sc + is + 6] * q4;
                }
            }
        }
    }

    /** The 6-bit scale of sub-block j from the 12 packed bytes at s (get_scale_min_k4). */
    static int scale(byte[] b, int s, int j) {
        return j < 4 ? b[s + j] & 63 : (b[s + j + 4] & 0xF) | ((b[s + j - 4] & 0xFF) >> 6) << 4;
    }

    /** The 6-bit min of sub-block j from the 12 packed bytes at s. */
    static int min(byte[] b, int s, int j) {
        return j < 4 ? b[s + j + 4] & 63 : ((b[s + j + 4] & 0xFF) >> 4) | ((b[s + j] & 0xFF) >> 6) << 4;
    }
}
