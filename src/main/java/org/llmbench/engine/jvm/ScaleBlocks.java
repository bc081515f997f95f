package org.llmbench.engine.jvm;

import org.llmbench.quant.LittleEndian;

/**
 * llama.cpp's block layout (a little-endian fp16 scale, then the block's payload bytes) split into
 * the separate scale and payload arrays the Q8_0 and Q4_0 kernels read, and joined back.
 */
final class ScaleBlocks {
    private ScaleBlocks() {
    }

    /** Copies {@code count} blocks starting at src[off] into scale[s0..] and q[s0 * payload..]. */
    static void split(byte[] src, int off, int count, int payload, short[] scale, byte[] q, int s0) {
        for (int k = 0; k < count; k++) {
            int o = off + k * (payload + 2), s = s0 + k;
            scale[s] = LittleEndian.getShort(src, o);
            System.arraycopy(src, o + 2, q, s * payload, payload);
        }
    }

    /** The inverse of {@link #split}: writes {@code count} blocks to dst[off..]. */
    static void join(short[] scale, byte[] q, int s0, int count, int payload, byte[] dst, int off) {
        for (int k = 0; k < count; k++) {
            int o = off + k * (payload + 2), s = s0 + k;
            LittleEndian.putShort(dst, o, scale[s]);
            System.arraycopy(q, s * payload, dst, o + 2, payload);
        }
    }
}
