package org.llmbench.engine.jvm;

/**
 * {@link Q8Activations} rearranged into {@link Int4Matrix}'s order: each row padded with zeros to
 * whole groups of 8 blocks (256 values), and within a group, vector t (0..15) holds in lane l the
 * value t + 16 * (l & 1) of block l / 2 — the order of the weight nibbles, so a kernel multiplies
 * lane by lane. A scatter over batch x cols values, once per multiplication: small next to the
 * rows x cols x batch multiply-adds it serves.
 */
final class Int4Activations {
    static final int GROUP = 8, GROUP_VALUES = GROUP * 32;

    private static final ThreadLocal<Int4Activations> BUFFERS = ThreadLocal.withInitial(Int4Activations::new);

    short[] q = new short[0];   // batch * groups * 256, in the order above
    float[] d = new float[0];   // batch * groups * 8: each block's scale, zero past the row
    int[] sums8 = new int[0];   // batch * groups * 8: 8 * each block's sum of q (the offset every weight nibble carries)
    float[] x = new float[0];   // q * d for the batch kernels, at xAt: only when batch >= 4

    private Int4Activations() {
    }

    /** a (quantized for cols values per row) rearranged for a matrix of groups groups per row, in this thread's buffers. */
    static Int4Activations of(Q8Activations a, int batch, int cols, int groups) {
        Int4Activations r = BUFFERS.get();
        int values = batch * groups * GROUP_VALUES, blocks = batch * groups * GROUP;
        if (r.q.length < values) {
            r.q = new short[values];
            r.x = new float[values];
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
            for (int k = 0; k < a.blocks; k++) { // block k's values e go to lane 2 * (k % 8) + e / 16 of vector e % 16
                int src = b * cols + k * 32, len = Math.min(32, cols - k * 32), dst = row + (k / GROUP) * GROUP_VALUES + 2 * (k % GROUP);
                for (int e = 0; e < len; e++) r.q[dst + (e & 15) * 16 + (e >> 4)] = a.q[src + e];
            }
            if (inGroup(b, batch)) floats(r, b, batch, groups);
        }
        return r;
    }

    /** Batch row b's q * d at {@link #xAt}, vector by vector from the rearranged q. */
    private static void floats(Int4Activations r, int b, int batch, int groups) {
        int eights = batch & ~7, b0 = b < eights ? b & ~7 : eights, s = b < eights ? 8 : 4;
        for (int g = 0; g < groups; g++) {
            int blocks = (b * groups + g) * GROUP;
            for (int t = 0; t < 16; t++) {
                int from = (b * groups + g) * GROUP_VALUES + t * 16, j = (g * 4 + t / 4) * 2;
                int to = b0 * groups * GROUP_VALUES + j * 32 * s + ((t % 4) * s + b - b0) * 8; // xAt for lanes 0..7; 8..15 one step on
                for (int lane = 0; lane < 16; lane++) r.x[to + (lane >> 3) * 32 * s + (lane & 7)] = r.q[from + lane] * r.d[blocks + (lane >> 1)];
            }
        }
    }

    /** The lane of element e (0..31) of a group's block j (0..7) in its vector t = e % 16. */
    static int lane(int j, int e) {
        return 2 * j + e / 16;
    }

    /** Where element e of block k of batch row b is in {@link #q}. */
    static int qAt(int b, int k, int e, int groups) {
        return (b * groups + k / GROUP) * GROUP_VALUES + (e % 16) * 16 + lane(k % GROUP, e);
    }

    /** Whether the batch kernels take row b, in a group of 8 rows or the one group of 4 after them. */
    static boolean inGroup(int b, int batch) {
        int eights = batch & ~7;
        return b < eights || batch - eights >= 4 && b < eights + 4;
    }

    /**
     * Where element e of block k of batch row b (in a group: {@link #inGroup}) is in {@link #x}. The
     * batch kernels take rows 8 at a time, then 4 (s rows, the first b0). Each step j of theirs reads
     * 8 weight shorts, lanes 0..7 or 8..15 of a quarter group (j = (group * 4 + quarter) * 2 + half),
     * and makes 4 float vectors of them, one per nibble m (vector t = 4 * quarter + m); the s rows'
     * 8 values matching each lie side by side, at b0 * groups * 256 + j * 32 * s + (m * s + b - b0)
     * * 8 + lane % 8, so a step reads one contiguous run.
     */
    static int xAt(int b, int k, int e, int batch, int groups) {
        int eights = batch & ~7, b0 = b & ~7, s = 8;
        if (b >= eights) {
            b0 = eights;
            s = 4;
        }
        int t = e % 16, lane = lane(k % GROUP, e), j = ((k / GROUP) * 4 + t / 4) * 2 + lane / 8;
        return b0 * groups * GROUP_VALUES + j * 32 * s + ((t % 4) * s + b - b0) * 8 + lane % 8;
    }
}
