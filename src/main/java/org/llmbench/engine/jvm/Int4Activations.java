package org.llmbench.engine.jvm;

/**
 * {@link Q8Activations} rearranged into {@link Int4Matrix}'s order: each row padded with zeros to
 * whole groups of GROUP blocks (one block per float lane of the hardware's vectors: 8 blocks, 256
 * values, at 256 bits), and within a group, short vector t (0..15, 2 * GROUP lanes) holds in lane l
 * the value t + 16 * (l & 1) of block l / 2 — the order of the weight nibbles, so a kernel
 * multiplies lane by lane. A scatter over batch x cols values, once per multiplication: small next
 * to the rows x cols x batch multiply-adds it serves.
 */
final class Int4Activations {
    static final int GROUP = org.llmbench.runtime.VectorWidth.LANES, GROUP_VALUES = GROUP * 32, SHORT_LANES = 2 * GROUP;

    private static final ThreadLocal<Int4Activations> BUFFERS = ThreadLocal.withInitial(Int4Activations::new);

    short[] q = new short[0];   // batch * groups * 256, in the order above
    float[] d = new float[0];   // batch * groups * GROUP: each block's scale, zero past the row
    int[] sums8 = new int[0];   // batch * groups * GROUP: 8 * each block's sum of q (the offset every weight nibble carries)

    private Int4Activations() {
    }

    /** a (quantized for cols values per row) rearranged for a matrix of groups groups per row, in this thread's buffers. */
    static Int4Activations of(Q8Activations a, int batch, int cols, int groups) {
        Int4Activations r = BUFFERS.get();
        int values = batch * groups * GROUP_VALUES, blocks = batch * groups * GROUP;
        if (r.q.length < values) {
            r.q = new short[values];
        }
        if (r.d.length < blocks) {
            r.d = new float[blocks];
            r.sums8 = new int[blocks];
        }
        for (int b = 0; b < batch; b++) {
            int row = b * groups * GROUP_VALUES;
            if (cols < groups * GROUP_VALUES) java.util.Arrays.fill(r.q, row + (groups - 1) * GROUP_VALUES, row + groups * GROUP_VALUES, (short) 0); // padding multiplies as zero
            for (int k = 0; k < groups * GROUP; k++) {
                boolean real = k < a.blocks;
                r.d[b * groups * GROUP + k] = real ? a.d[b * a.blocks + k] : 0f;
                r.sums8[b * groups * GROUP + k] = real ? 8 * (int) a.sums[b * a.blocks + k] : 0;
            }
            for (int k = 0; k < a.blocks; k++) { // block k's values e go to lane 2 * (k % GROUP) + e / 16 of vector e % 16
                int src = b * cols + k * 32, len = Math.min(32, cols - k * 32), dst = row + (k / GROUP) * GROUP_VALUES + 2 * (k % GROUP);
                for (int e = 0; e < len; e++) r.q[dst + (e & 15) * SHORT_LANES + (e >> 4)] = a.q[src + e];
            }
        }
        return r;
    }

    private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * The rounded values of a (quantized row-major), dequantized, in this order: batch rows of groups
     * * GROUP_VALUES floats, padding zero; a buffer of this thread's, valid until it calls again.
     */
    static float[] floats(Q8Activations a, int batch, int cols, int groups) {
        int n = groups * GROUP_VALUES;
        float[] f = FLOATS.get();
        if (f.length < batch * n) FLOATS.set(f = new float[batch * n]);
        if (cols < n) {
            for (int b = 0; b < batch; b++) java.util.Arrays.fill(f, b * n + (groups - 1) * GROUP_VALUES, (b + 1) * n, 0f);
        }
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < a.blocks; k++) {
                int src = b * cols + k * 32, len = Math.min(32, cols - k * 32), dst = b * n + (k / GROUP) * GROUP_VALUES + 2 * (k % GROUP);
                for (int e = 0; e < len; e++) f[dst + (e & 15) * SHORT_LANES + (e >> 4)] = a.x[src + e];
            }
        }
        return f;
    }

    /** The lane of element e (0..31) of a group's block j (0 .. GROUP - 1) in its vector t = e % 16. */
    static int lane(int j, int e) {
        return 2 * j + e / 16;
    }

    /** Where element e of block k of batch row b is in {@link #q}. */
    static int qAt(int b, int k, int e, int groups) {
        return (b * groups + k / GROUP) * GROUP_VALUES + (e % 16) * SHORT_LANES + lane(k % GROUP, e);
    }
}
