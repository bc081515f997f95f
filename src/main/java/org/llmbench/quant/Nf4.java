package org.llmbench.quant;

/**
 * bitsandbytes' 4-bit NormalFloat: blocks of 64 values, each the index of the nearest of 16
 * codebook values after dividing by the block's absmax. Stored as a little-endian fp32 absmax and
 * 32 bytes of indices, two per byte with the even element in the high nibble (bitsandbytes'
 * packing), 36 bytes per block. A partial last block is padded with zeros.
 */
public final class Nf4 {
    public static final int BLOCK = 64;
    public static final int BLOCK_BYTES = 36;

    /** bitsandbytes' NF4 codebook (quantiles of N(0,1) normalised to [-1, 1], with an exact zero). */
    public static final float[] CODEBOOK = {
            -1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f,
            -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f, 0.0f,
            0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
            0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f};

    private Nf4() {
    }

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
            float amax = 0;
            for (int j = 0; j < len; j++) amax = Math.max(amax, Math.abs(src[start + j]));
            int o = dstOff + b * BLOCK_BYTES;
            LittleEndian.putFloat(dst, o, amax);
            float inv = amax != 0 ? 1f / amax : 0f;
            for (int j = 0; j < BLOCK; j += 2) {
                int hi = index(j < len ? src[start + j] * inv : 0f);
                int lo = index(j + 1 < len ? src[start + j + 1] * inv : 0f);
                dst[o + 4 + j / 2] = (byte) (hi << 4 | lo);
            }
        }
    }

    /** Decodes n values from src[srcOff ..) (bytes(n) bytes) into dst[off .. off + n). */
    public static void decode(byte[] src, int srcOff, int n, float[] dst, int off) {
        for (int b = 0; b < blocks(n); b++) {
            int o = srcOff + b * BLOCK_BYTES, len = Math.min(BLOCK, n - b * BLOCK);
            float amax = LittleEndian.getFloat(src, o);
            for (int j = 0; j < len; j++) {
                int packed = src[o + 4 + j / 2];
                int q = (j & 1) == 0 ? (packed >> 4) & 0x0F : packed & 0x0F;
                dst[off + b * BLOCK + j] = CODEBOOK[q] * amax;
            }
        }
    }

    /** The index of the codebook value nearest to x (x in [-1, 1]); ties go to the smaller one (bitsandbytes compares with >). */
    public static int index(float x) {
        int i = 0;
        while (i < 15 && x > (CODEBOOK[i] + CODEBOOK[i + 1]) * 0.5f) i++;
        return i;
    }
}
