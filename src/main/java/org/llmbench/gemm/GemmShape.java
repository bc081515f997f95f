package org.llmbench.gemm;

import org.llmbench.LlmbenchException;

/** C (m x n) = A (m x k) * B (k x n). m is the batch (tokens) dimension of a decoding step. */
public record GemmShape(int m, int n, int k) {
    /** Largest accepted dimension: keeps a typo from asking for terabytes. */
    public static final int MAX_DIM = 65536;

    public GemmShape {
        check("m", m);
        check("n", n);
        check("k", k);
        fitsInOneArray("A", m, k);
        fitsInOneArray("B", k, n);
        fitsInOneArray("C", m, n);
    }

    /** The shape for the benchmark's params, where m = 0 or k = 0 means "same as n". */
    public static GemmShape of(int n, int m, int k) {
        check("n", n);
        return new GemmShape(m == 0 ? n : m, n, k == 0 ? n : k);
    }

    /** Floating-point (or integer) operations of one multiplication: one multiply and one add per term. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** Bytes of A, B (in dtype) and C (4 bytes per element), as held on the host. */
    public long bytes(GemmDtype dtype) {
        return ((long) m * k + (long) k * n) * dtype.bytes() + (long) m * n * 4;
    }

    /** Java arrays hold at most 2^31 - 1 elements; say so instead of failing inside an allocation. */
    private static void fitsInOneArray(String name, int rows, int cols) {
        if ((long) rows * cols > Integer.MAX_VALUE - 16) {
            throw new LlmbenchException(name + " (" + rows + " x " + cols + ") has more than 2^31 elements; pick smaller m, n or k.");
        }
    }

    private static void check(String name, int v) {
        if (v < 1 || v > MAX_DIM) {
            throw new LlmbenchException(name + " = " + v + " is invalid; GEMM dimensions must be between 1 and " + MAX_DIM + ".");
        }
    }

    @Override
    public String toString() {
        return m + "x" + n + "x" + k;
    }
}
