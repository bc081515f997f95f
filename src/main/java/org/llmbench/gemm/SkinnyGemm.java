package org.llmbench.gemm;

import org.llmbench.runtime.Parallel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.runtime.VectorWidth;

/**
 * C = A * B for the few-row shapes of decoding (m <= {@link #MAX_ROWS}). These are memory-bound:
 * B is streamed once, whole rows at a time (contiguous), straight from its storage (fp32) or
 * converted one row at a time; each row of B updates all m rows of C. Threads split k and each
 * sums into its own m x n partial, added up at the end. No packing: for m = 1 packing B would
 * triple the memory traffic, and the blocked kernel's 6-row tiles would be mostly padding.
 * Buffers grow once and are reused; not thread-safe itself.
 */
public final class SkinnyGemm {
    public static final int MAX_ROWS = 4;
    private static final VectorSpecies<Float> S = VectorWidth.FLOATS;

    private final Parallel parallel;
    private float[][] partials = new float[0][];
    private float[][] rows = new float[0][];

    public SkinnyGemm(Parallel parallel) {
        this.parallel = parallel;
    }

    /** c (a.rows x b.cols, row-major) = a * b, for a.rows <= MAX_ROWS. */
    public void multiply(GemmOperand a, GemmOperand b, float[] c) {
        int m = a.rows(), k = a.cols(), n = b.cols();
        if (m > MAX_ROWS || b.rows() != k || c.length < m * n) {
            throw new IllegalArgumentException("skinny GEMM needs at most " + MAX_ROWS + " rows and matching shapes");
        }
        int pieces = Math.min(parallel.threads(), k);
        if (partials.length < pieces || partials[0].length < m * n || rows[0].length < n) {
            partials = new float[pieces][m * n];
            rows = new float[pieces][n];
        }
        int step = (k + pieces - 1) / pieces;
        parallel.forRange(pieces, 1, (s0, s1) -> {
            for (int s = s0; s < s1; s++) {
                partial(a, b, s * step, Math.min(k, (s + 1) * step), partials[s], rows[s]);
            }
        });
        System.arraycopy(partials[0], 0, c, 0, m * n);
        for (int s = 1; s < pieces; s++) {
            float[] part = partials[s];
            for (int i = 0; i < m * n; i++) c[i] += part[i];
        }
    }

    /** acc (m x n) = A[:, p0..p1) * B[p0..p1, :]. */
    private static void partial(GemmOperand a, GemmOperand b, int p0, int p1, float[] acc, float[] row) {
        int m = a.rows(), n = b.cols(), nv = S.loopBound(n);
        java.util.Arrays.fill(acc, 0, m * n, 0f);
        float[] av = new float[m];
        float[] direct = b.floats();
        for (int p = p0; p < p1; p++) {
            float[] src;
            int off;
            if (direct != null) {
                src = direct;
                off = p * n;
            } else {
                b.copyRow(p, 0, n, row, 0, 1);
                src = row;
                off = 0;
            }
            for (int i = 0; i < m; i++) av[i] = a.value(i, p);
            for (int q = 0; q < nv; q += S.length()) {
                FloatVector bv = FloatVector.fromArray(S, src, off + q);
                for (int i = 0; i < m; i++) {
                    int idx = i * n + q;
                    FloatVector.broadcast(S, av[i]).fma(bv, FloatVector.fromArray(S, acc, idx)).intoArray(acc, idx);
                }
            }
            for (int q = nv; q < n; q++) {
                for (int i = 0; i < m; i++) acc[i * n + q] += av[i] * src[off + q];
            }
        }
    }
}
