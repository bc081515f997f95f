package org.llmbench.quant;

/**
 * llama.cpp's Q8_0 block: an fp16 scale d, then 32 int8 values; value = q * d with d = absmax / 127
 * (34 bytes, little-endian scale). Encoding follows quantize_row_q8_0_ref: q = round(x / d), halves away from zero.
 * A partial last block is padded with zeros.
 */
public final class Q8_0 {
    public static final int BLOCK = 32;
    public static final int BLOCK_BYTES = 34;

    private Q8_0() {
    }

    /** Bytes of n values: whole blocks, the last one padded. */
    public static int bytes(int n) {
        return blocks(n) * BLOCK_BYTES;
    }

    public static int blocks(int n) {
        return (n + BLOCK - 1) / BLOCK;
    }

    /** Encodes src[off .. off + n) into bytes(n) bytes at dst[dstOff ..). */
    public static void encode(float[] src, int off, int n, byte[] dst, int dstOff) {
        for (int b = 0; b < blocks(n); b++) {
            int start = off + b * BLOCK, len = Math.min(BLOCK, n - b * BLOCK);
            int o = dstOff + b * BLOCK_BYTES;
            float d = scale(src, start, len);
            LittleEndian.putShort(dst, o, Fp16.fromFloat(d));
            float id = d != 0 ? 1f / d : 0f;
            for (int j = 0; j < BLOCK; j++) dst[o + 2 + j] = j < len ? quantize(src[start + j], id) : 0;
        }
    }

    /** Decodes n values from src[srcOff ..) (bytes(n) bytes) into dst[off .. off + n). */
    public static void decode(byte[] src, int srcOff, int n, float[] dst, int off) {
        for (int b = 0; b < blocks(n); b++) {
            int o = srcOff + b * BLOCK_BYTES, len = Math.min(BLOCK, n - b * BLOCK);
            float d = Fp16.toFloat(LittleEndian.getShort(src, o));
            for (int j = 0; j < len; j++) dst[off + b * BLOCK + j] = src[o + 2 + j] * d;
        }
    }

    /** The fp32 scale absmax / 127 that encode uses (stored rounded to fp16). */
    public static float scale(float[] src, int start, int len) {
        float amax = 0;
        for (int j = 0; j < len; j++) amax = Math.max(amax, Math.abs(src[start + j]));
        return amax / 127f;
    }

    /** round(x * id), halves away from zero (C roundf). */
    public static byte quantize(float x, float id) {
        float v = x * id;
        double r = Math.floor(Math.abs((double) v) + 0.5); // in double, so 0.49999997f does not round up
        return (byte) (int) (v < 0 ? -r : r);
    }
}
