package org.llmbench.engine.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.quant.Quant;

/** fp32 weights; four batch rows share each loaded weight vector. */
public final class Fp32Matrix extends Matrix {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private final float[] w;

    public Fp32Matrix(float[] w, int rows, int cols) {
        super(rows, cols);
        if (w.length != (long) rows * cols) throw new IllegalArgumentException("expected " + rows + "x" + cols + " values, got " + w.length);
        this.w = w;
    }

    @Override
    public Quant quant() {
        return Quant.FP32;
    }

    @Override
    public long bytes() {
        return 4L * w.length;
    }

    @Override
    public void row(int r, float[] dst, int off) {
        System.arraycopy(w, r * cols, dst, off, cols);
    }

    /** Batch rows per tile: 32 activation rows of a 2048-wide model (256 KB) stay in L2 while weight rows pass. */
    private static final int X_TILE = 32;

    @Override
    public void multiply(float[] x, float[] out, int batch, int r0, int r1) {
        for (int b0 = 0; b0 < batch; b0 += X_TILE) {
            int b1 = Math.min(batch, b0 + X_TILE);
            int r = r0;
            for (; r + 2 <= r1 && b1 - b0 >= 4; r += 2) {
                multiplyRowPair(r, x, out, b0, b1);
            }
            for (; r < r1; r++) {
                multiplyRow(r, x, out, b0, b1);
            }
        }
    }

    /**
     * Weight rows r and r + 1 against batch rows [b0, b1): eight accumulators per step (2 weight
     * x 4 activation vectors) so six loads feed eight FMAs; remaining batch rows go one by one.
     */
    private void multiplyRowPair(int r, float[] x, float[] out, int b0, int b1) {
        final int n = cols;
        final int upper = F.loopBound(n);
        final int wo = r * n, wp = wo + n;
        int b = b0;
        for (; b + 4 <= b1; b += 4) {
            int x0 = b * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, c0 = a0, c1 = a0, c2 = a0, c3 = a0;
            int i = 0;
            for (; i < upper; i += F.length()) {
                FloatVector wv = FloatVector.fromArray(F, w, wo + i);
                FloatVector wu = FloatVector.fromArray(F, w, wp + i);
                FloatVector v0 = FloatVector.fromArray(F, x, x0 + i);
                FloatVector v1 = FloatVector.fromArray(F, x, x1 + i);
                FloatVector v2 = FloatVector.fromArray(F, x, x2 + i);
                FloatVector v3 = FloatVector.fromArray(F, x, x3 + i);
                a0 = wv.fma(v0, a0);
                a1 = wv.fma(v1, a1);
                a2 = wv.fma(v2, a2);
                a3 = wv.fma(v3, a3);
                c0 = wu.fma(v0, c0);
                c1 = wu.fma(v1, c1);
                c2 = wu.fma(v2, c2);
                c3 = wu.fma(v3, c3);
            }
            out[b * rows + r] = a0.reduceLanes(VectorOperators.ADD) + tail(w, wo, x, x0, i, n);
            out[(b + 1) * rows + r] = a1.reduceLanes(VectorOperators.ADD) + tail(w, wo, x, x1, i, n);
            out[(b + 2) * rows + r] = a2.reduceLanes(VectorOperators.ADD) + tail(w, wo, x, x2, i, n);
            out[(b + 3) * rows + r] = a3.reduceLanes(VectorOperators.ADD) + tail(w, wo, x, x3, i, n);
            out[b * rows + r + 1] = c0.reduceLanes(VectorOperators.ADD) + tail(w, wp, x, x0, i, n);
            out[(b + 1) * rows + r + 1] = c1.reduceLanes(VectorOperators.ADD) + tail(w, wp, x, x1, i, n);
            out[(b + 2) * rows + r + 1] = c2.reduceLanes(VectorOperators.ADD) + tail(w, wp, x, x2, i, n);
            out[(b + 3) * rows + r + 1] = c3.reduceLanes(VectorOperators.ADD) + tail(w, wp, x, x3, i, n);
        }
        for (; b < b1; b++) {
            out[b * rows + r] = dotUnrolled(w, wo, x, b * n, n, upper);
            out[b * rows + r + 1] = dotUnrolled(w, wp, x, b * n, n, upper);
        }
    }

    /** Weight row r against batch rows [b0, b1): four at a time share each loaded weight vector. */
    private void multiplyRow(int r, float[] x, float[] out, int b0, int b1) {
        final int n = cols;
        final int upper = F.loopBound(n);
        final int wo = r * n;
        int b = b0;
        for (; b + 4 <= b1; b += 4) {
            int x0 = b * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            int i = 0;
            for (; i < upper; i += F.length()) {
                FloatVector wv = FloatVector.fromArray(F, w, wo + i);
                a0 = wv.fma(FloatVector.fromArray(F, x, x0 + i), a0);
                a1 = wv.fma(FloatVector.fromArray(F, x, x1 + i), a1);
                a2 = wv.fma(FloatVector.fromArray(F, x, x2 + i), a2);
                a3 = wv.fma(FloatVector.fromArray(F, x, x3 + i), a3);
            }
            float s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
            float s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
            for (; i < n; i++) {
                float wi = w[wo + i];
                s0 += wi * x[x0 + i];
                s1 += wi * x[x1 + i];
                s2 += wi * x[x2 + i];
                s3 += wi * x[x3 + i];
            }
            out[b * rows + r] = s0;
            out[(b + 1) * rows + r] = s1;
            out[(b + 2) * rows + r] = s2;
            out[(b + 3) * rows + r] = s3;
        }
        for (; b < b1; b++) {
            out[b * rows + r] = dotUnrolled(w, wo, x, b * n, n, upper);
        }
    }

    /** The scalar remainder [from, n) of a dot product the vector loop stopped short of. */
    private static float tail(float[] w, int wo, float[] x, int xo, int from, int n) {
        float s = 0;
        for (int i = from; i < n; i++) s += w[wo + i] * x[xo + i];
        return s;
    }

    /** One row: four independent accumulators hide the FMA latency, so batch 1 reaches memory speed. */
    private static float dotUnrolled(float[] w, int wo, float[] x, int xo, int n, int upper) {
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
        int len = F.length();
        int i = 0;
        for (; i + 4 * len <= upper; i += 4 * len) {
            a0 = FloatVector.fromArray(F, w, wo + i).fma(FloatVector.fromArray(F, x, xo + i), a0);
            a1 = FloatVector.fromArray(F, w, wo + i + len).fma(FloatVector.fromArray(F, x, xo + i + len), a1);
            a2 = FloatVector.fromArray(F, w, wo + i + 2 * len).fma(FloatVector.fromArray(F, x, xo + i + 2 * len), a2);
            a3 = FloatVector.fromArray(F, w, wo + i + 3 * len).fma(FloatVector.fromArray(F, x, xo + i + 3 * len), a3);
        }
        for (; i < upper; i += len) {
            a0 = FloatVector.fromArray(F, w, wo + i).fma(FloatVector.fromArray(F, x, xo + i), a0);
        }
        float s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += w[wo + i] * x[xo + i];
        return s;
    }
}
