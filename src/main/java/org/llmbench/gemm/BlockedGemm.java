package org.llmbench.gemm;

import org.llmbench.runtime.Parallel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.runtime.VectorWidth;

/**
 * C = A * B on the CPU with the Vector API, in the GotoBLAS/BLIS shape: for each k-block, A and
 * B are packed (and converted from their dtype to fp32) into panels laid out in the order the
 * micro-kernel reads them; then a grid of (row block x column chunk) tasks runs a 6 x 2L
 * register-blocked micro-kernel (12 fp32 accumulators of L lanes, the hardware's width from
 * {@link VectorWidth}: 6 x 16 at 256 bits, 12 of AVX2's 16 registers).
 * Packed panels are zero-padded to whole micro-tiles, so tails only matter when storing C.
 * Buffers grow once and are reused: one instance per thread pool, not thread-safe itself.
 */
public final class BlockedGemm {
    private static final VectorSpecies<Float> S = VectorWidth.FLOATS;
    private static final int L = VectorWidth.LANES;
    static final int MR = 6;                 // rows of the micro-tile
    static final int NR = 2 * L;             // columns of the micro-tile (2 vectors)
    static final int KC = 6144 / NR;         // k-block: a B sliver (KC x NR x 4 B = 24 KiB) stays in L1 (384 at 256 bits)
    static final int MC = 144;               // row block: an A block (MC x KC x 4 B = 216 KiB) stays in L2
    static final int NCHUNK = 256;           // columns per task

    private final Parallel parallel;
    private float[] aPanel = new float[0];
    private float[] bPanel = new float[0];

    public BlockedGemm(Parallel parallel) {
        this.parallel = parallel;
    }

    /** c (a.rows x b.cols, row-major) = a * b. */
    public void multiply(GemmOperand a, GemmOperand b, float[] c) {
        int m = a.rows(), k = a.cols(), n = b.cols();
        if (b.rows() != k || c.length < m * n) {
            throw new IllegalArgumentException("shapes do not match: " + m + "x" + k + " * " + b.rows() + "x" + n);
        }
        int mPad = roundUp(m, MR), nPad = roundUp(n, NR);
        int kcMax = Math.min(KC, k);
        if (aPanel.length < mPad * kcMax) aPanel = new float[mPad * kcMax];
        if (bPanel.length < nPad * kcMax) bPanel = new float[nPad * kcMax];
        int mBlocks = (mPad + MC - 1) / MC, nChunks = (nPad + NCHUNK - 1) / NCHUNK;
        for (int pc = 0; pc < k; pc += KC) {
            int p0 = pc, kc = Math.min(KC, k - pc);
            boolean first = pc == 0;
            parallel.forRange(nPad / NR, 8, (s0, s1) -> packB(b, p0, kc, s0, s1));
            parallel.forRange(mPad / MR, 8, (s0, s1) -> packA(a, p0, kc, s0, s1));
            parallel.forRange(mBlocks * nChunks, 1, (t0, t1) -> {
                for (int t = t0; t < t1; t++) {
                    int i0 = (t / nChunks) * MC, j0 = (t % nChunks) * NCHUNK;
                    block(c, m, n, kc, first, i0, Math.min(mPad, i0 + MC), j0, Math.min(nPad, j0 + NCHUNK));
                }
            });
        }
    }

    /**
     * B slivers s0..s1-1: for each p, NR consecutive columns; zero beyond n. Reads each row of B
     * once, contiguously, across all slivers of the range (a sliver-at-a-time walk would stride
     * down B's columns, one cache line per row).
     */
    private void packB(GemmOperand b, int pc, int kc, int s0, int s1) {
        int n = b.cols(), j0 = s0 * NR, j1 = Math.min(n, s1 * NR);
        for (int p = 0; p < kc; p++) {
            for (int j = j0; j < j1; j += NR) {
                int len = Math.min(NR, n - j), off = j * kc + p * NR;
                b.copyRow(pc + p, j, len, bPanel, off, 1);
                for (int q = len; q < NR; q++) bPanel[off + q] = 0f;
            }
        }
    }

    /** A slivers s0..s1-1: for each p, MR consecutive rows (column-major inside the sliver); zero beyond m. */
    private void packA(GemmOperand a, int pc, int kc, int s0, int s1) {
        int m = a.rows();
        for (int s = s0; s < s1; s++) {
            int i = s * MR, base = i * kc;
            for (int r = 0; r < MR; r++) {
                if (i + r < m) {
                    a.copyRow(i + r, pc, kc, aPanel, base + r, MR);
                } else {
                    for (int p = 0; p < kc; p++) aPanel[base + r + p * MR] = 0f;
                }
            }
        }
    }

    /** Rows [i0, i1) x columns [j0, j1) of C (padded bounds): each B sliver is reused over the whole A block. */
    private void block(float[] c, int m, int n, int kc, boolean first, int i0, int i1, int j0, int j1) {
        float[] tile = new float[MR * NR]; // one per task, not per micro-tile
        for (int j = j0; j < j1; j += NR) {
            for (int i = i0; i < i1; i += MR) {
                microKernel(aPanel, i * kc, bPanel, j * kc, kc, tile);
                if (i + MR <= m && j + NR <= n) {
                    mergeFull(tile, c, n, i * n + j, first);
                } else {
                    mergeTail(tile, c, m, n, i, j, first);
                }
            }
        }
    }

    /**
     * tile (MR x NR, row-major) = A sliver * B sliver over kc. Kept free of branches and calls so
     * C2 keeps all twelve accumulators in registers (a bigger method exhausts its inlining budget
     * and the vectors get boxed on the heap).
     */
    static void microKernel(float[] ap, int aOff, float[] bp, int bOff, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR, ai = aOff + p * MR; // linear in p: C2 hoists the range checks
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
    }

    /** C[i..i+MR)[j..j+NR) (+)= tile, for a tile wholly inside C; idx = i * n + j. */
    static void mergeFull(float[] tile, float[] c, int n, int idx, boolean first) {
        for (int r = 0; r < MR; r++, idx += n) {
            FloatVector v0 = FloatVector.fromArray(S, tile, r * NR);
            FloatVector v1 = FloatVector.fromArray(S, tile, r * NR + L);
            if (!first) {
                v0 = v0.add(FloatVector.fromArray(S, c, idx));
                v1 = v1.add(FloatVector.fromArray(S, c, idx + L));
            }
            v0.intoArray(c, idx);
            v1.intoArray(c, idx + L);
        }
    }

    /** The part of the tile inside C, for tiles on the bottom or right edge (scalar: rare). */
    static void mergeTail(float[] tile, float[] c, int m, int n, int i, int j, boolean first) {
        int rows = Math.min(MR, m - i), cols = Math.min(NR, n - j);
        for (int r = 0; r < rows; r++) {
            int idx = (i + r) * n + j;
            for (int q = 0; q < cols; q++) {
                c[idx + q] = first ? tile[r * NR + q] : c[idx + q] + tile[r * NR + q];
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
