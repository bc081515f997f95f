package org.llmbench.quant;

/**
 * llama.cpp's Q4_0 block: an fp16 scale d, then 16 bytes of 4-bit values (18 bytes). The low
 * nibbles hold elements 0..15, the high nibbles 16..31; value = (q - 8) * d. Encoding follows
 * quantize_row_q4_0_ref: d = (the value of largest magnitude) / -8, q = min(15, (int) (x / d + 8.5)).
 * A partial last block is padded with zeros (which encode as q = 8).
 */
public final class Q4_0 {
    public static final int BLOCK = 32;
    public static final int BLOCK_BYTES = 18;

    private Q4_0() {
    }

    public static int bytes(int n) {
        return blocks(n) * BLOCK_BYTES;
    }

    public static int blocks(int n) {
        return (n + BLOCK - 1) / BLOCK;
    }

    /** Encodes src[off .. off + n) into bytes(n) bytes at dst[dstOff ..). */
    public static void encode(float[] src, int off, int n, byte[] dst, int dstOff) {
        float[] block = new float[BLOCK];
        for (int b = 0; b < blocks(n); b++) {
            int start = off + b * BLOCK, len = Math.min(BLOCK, n - b * BLOCK);
            java.util.Arrays.fill(block, 0f);
            System.arraycopy(src, start, block, 0, len);
            int o = dstOff + b * BLOCK_BYTES;
            float d = scale(block);
            LittleEndian.putShort(dst, o, Fp16.fromFloat(d));
            float id = d != 0 ? 1f / d : 0f;
            for (int j = 0; j < BLOCK / 2; j++) {
                dst[o + 2 + j] = (byte) (quantize(block[j], id) | quantize(block[j + 16], id) << 4);
            }
        }
    }

    /** Decodes n values from src[srcOff ..) (bytes(n) bytes) into dst[off .. off + n). */
    public static void decode(byte[] src, int srcOff, int n, float[] dst, int off) {
        for (int b = 0; b < blocks(n); b++) {
            int o = srcOff + b * BLOCK_BYTES, len = Math.min(BLOCK, n - b * BLOCK);
            float d = Fp16.toFloat(LittleEndian.getShort(src, o));
            for (int j = 0; j < len; j++) {
                int q = j < 16 ? src[o + 2 + j] & 0x0F : (src[o + 2 + j - 16] >> 4) & 0x0F;
                dst[off + b * BLOCK + j] = (q - 8) * d;
            }
        }
    }

    /** d = the block's value of largest magnitude divided by -8 (so it maps to q = 0, i.e. -8). */
    static float scale(float[] block) {
        float amax = 0, max = 0;
        for (float v : block) {
            if (amax < Math.abs(v)) {
                amax = Math.abs(v);
                max = v;
            }
        }
        return max / -8f;
    }

    private static int quantize(float x, float id) {
        return Math.min(15, (int) (x * id + 8.5f)); // x * id + 8.5 is >= 0.5: the cast floors like C's (int8_t)
    }
}
