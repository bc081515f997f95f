package org.llmbench.gemm;

import org.llmbench.runtime.Parallel;

/**
 * out (m x n, row-major) = x (m x depth) · Wᵀ for a weight matrix in any storage ({@link GemmWeights}):
 * prefill's multiplications, many activation rows against each weight row. {@link BlockedGemm}'s
 * algorithm and micro-kernel, with the weights as its B operand: panels of NR rows (two vectors),
 * each depth value's NR rows side by side. A storage that is such panels already (fp32, packed so
 * when loaded) is read in place; any other is dequantized by its own vector code, a task's panels
 * one depth block at a time, into a buffer in L1/L2, so every weight is converted once per call,
 * not once per activation row. The activations are packed once per call into slivers of MR rows.
 * Each task owns TASK_PANELS panels; per depth block, each panel (in L1) meets every activation
 * sliver (in L2) in the 6 x 2-vector micro-kernel, whose tile is added into out.
 */
public final class WeightGemm {
    static final int MR = BlockedGemm.MR;
    /** Weight rows per panel: two vectors (16 at 256 bits). */
    public static final int NR = BlockedGemm.NR;
    /** Panels per task: 48 weight rows at 256 bits. */
    static final int TASK_PANELS = 3;
    /** Depth block: a panel's block (NR x KC floats, 16 KiB at 256 bits) stays in L1. */
    static final int KC = 4096 / NR;
    /**
     * Depth block for panels read in place: nothing to convert, so a panel's whole depth (up to 256 KiB)
     * stays in L2 and the tile is merged once. fp32, 5632 x 2048 at 128 rows, 2 threads, same JVM:
     * blocks of 256 ran at 0.82x of fp32's own panel kernel, 1024 at 0.86x, whole depth at 1.01x.
     */
    static final int IN_PLACE_KC = 4096;

    /** Activation rows per block: their depth block (MC x KC floats, 192 KiB at 256 bits) stays in L2. */
    static final int MC = 32 * MR;

    private static final ThreadLocal<float[]> PACKED = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> PANELS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> ROWS = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    private WeightGemm() {
    }

    /** out[b * n + r] = sum over depth of activation b times weight row r, for b < m and r < n = w.rows(). */
    public static void multiply(Parallel pool, GemmWeights w, float[] x, int m, float[] out) {
        final int n = w.rows(), depth = w.depth(), step = w.depthStep();
        final float[] a = w.activations(x, m);
        final int slivers = (m + MR - 1) / MR;
        float[] packed = PACKED.get();
        if (packed.length < (long) slivers * MR * depth) {
            if ((long) slivers * MR * depth > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(m + " rows of depth " + depth + " are too many for one GEMM call");
            PACKED.set(packed = new float[slivers * MR * depth]);
        }
        final float[] p = packed;
        pool.forRange(slivers, 1, (s0, s1) -> pack(a, m, depth, p, s0, s1));
        final int kc = w.panels() != null ? Math.min(depth, IN_PLACE_KC) : Math.max(step, KC / step * step), panels = (n + NR - 1) / NR;
        pool.forRange((panels + TASK_PANELS - 1) / TASK_PANELS, 1, (g0, g1) -> {
            for (int g = g0; g < g1; g++) task(w, p, m, depth, kc, g * TASK_PANELS, Math.min(panels, (g + 1) * TASK_PANELS), out);
        });
    }

    /** Activation slivers s0 .. s1: sliver s, depth p, row j of the sliver at (s * depth + p) * MR + j; rows past m are zero. */
    private static void pack(float[] a, int m, int depth, float[] packed, int s0, int s1) {
        for (int s = s0; s < s1; s++) {
            for (int j = 0; j < MR; j++) {
                int b = s * MR + j, base = s * depth * MR + j;
                if (b < m) {
                    for (int k = 0; k < depth; k++) packed[base + k * MR] = a[b * depth + k];
                } else {
                    for (int k = 0; k < depth; k++) packed[base + k * MR] = 0f;
                }
            }
        }
    }

    /** Weight panels q0 .. q1 (rows q0 * NR ..) against every activation row, summed into out. */
    private static void task(GemmWeights w, float[] packed, int m, int depth, int kc, int q0, int q1, float[] out) {
        final int n = w.rows(), r0 = q0 * NR, r1 = Math.min(n, q1 * NR);
        for (int b = 0; b < m; b++) java.util.Arrays.fill(out, b * n + r0, b * n + r1, 0f);
        final float[] own = w.panels(), tile = TILE.get();
        float[] buf = PANELS.get(), rows = ROWS.get();
        if (own == null && buf.length < TASK_PANELS * NR * kc) PANELS.set(buf = new float[TASK_PANELS * NR * kc]);
        if (own == null && rows.length < NR * kc) ROWS.set(rows = new float[NR * kc]);
        for (int k0 = 0; k0 < depth; k0 += kc) {
            final int len = Math.min(kc, depth - k0);
            if (own == null) {
                for (int q = q0; q < q1; q++) panel(w, q * NR, k0, len, rows, buf, (q - q0) * NR * len);
            }
            for (int i0 = 0; i0 < m; i0 += MC) { // activation blocks: MC rows' depth block stays in L2
                int i1 = Math.min(m, i0 + MC);
                for (int q = q0; q < q1; q++) {
                    float[] bp = own != null ? own : buf;
                    int bo = own != null ? w.panelOffset(q * NR, k0) : (q - q0) * NR * len, j = q * NR;
                    for (int i = i0; i < i1; i += MR) {
                        BlockedGemm.microKernel(packed, (i / MR * depth + k0) * MR, bp, bo, len, tile);
                        if (i + MR <= m && j + NR <= n) {
                            BlockedGemm.mergeFull(tile, out, n, i * n + j, false);
                        } else {
                            BlockedGemm.mergeTail(tile, out, m, n, i, j, false);
                        }
                    }
                }
            }
        }
    }

    /**
     * Weight rows r .. r + NR - 1 (zero past the matrix) at depth [k0, k0 + len) into buf[bo ..] as
     * a panel: depth p, row j at bo + p * NR + j. Each row is dequantized by the storage's own
     * (vector) code into rows[], then transposed.
     */
    private static void panel(GemmWeights w, int r, int k0, int len, float[] rows, float[] buf, int bo) {
        int n = w.rows();
        for (int j = 0; j < NR; j++) {
            if (r + j < n) {
                w.dequantize(r + j, k0, len, rows, j * len);
            } else {
                java.util.Arrays.fill(rows, j * len, (j + 1) * len, 0f);
            }
        }
        for (int j = 0; j < NR; j++) {
            int src = j * len, dst = bo + j;
            for (int p = 0; p < len; p++) buf[dst + p * NR] = rows[src + p];
        }
    }
}
