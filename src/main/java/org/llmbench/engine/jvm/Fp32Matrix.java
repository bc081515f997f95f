package org.llmbench.engine.jvm;

import org.llmbench.quant.Quant;
import org.llmbench.runtime.Parallel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.runtime.VectorWidth;

/**
 * fp32 weights, stored in panels of two vectors' worth of rows (16 at 256 bits; the width is the
 * hardware's, {@link VectorWidth}) laid out column by column (for each column, the panel's rows'
 * values side by side; the last panel zero-padded), as a BLIS micro-kernel reads its packed
 * operand. A multiplication then needs no horizontal sums: each activation value is broadcast and
 * multiplied into a panel's rows at once, so four batch rows cost six loads per eight FMAs and
 * batch 1 streams the weights once.
 */
public final class Fp32Matrix extends Matrix {
    private static final VectorSpecies<Float> F = VectorWidth.FLOATS;
    private static final int L = VectorWidth.LANES;
    /** Rows per panel: two vectors (16 at 256 bits). */
    static final int PANEL = 2 * L;

    private final float[] panels; // panel p, column k, row j of the panel at (p * cols + k) * PANEL + j

    public Fp32Matrix(float[] w, int rows, int cols) {
        super(rows, cols);
        if (w.length != (long) rows * cols) throw new IllegalArgumentException("expected " + rows + "x" + cols + " values, got " + w.length);
        long size = (long) panelCount() * cols * PANEL;
        if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(rows + "x" + cols + " is too large for one array");
        this.panels = new float[(int) size];
        for (int r = 0; r < rows; r++) {
            int base = (r / PANEL) * cols * PANEL + r % PANEL;
            for (int k = 0; k < cols; k++) panels[base + k * PANEL] = w[r * cols + k];
        }
    }

    private int panelCount() {
        return (rows + PANEL - 1) / PANEL;
    }

    @Override
    public Quant quant() {
        return Quant.FP32;
    }

    @Override
    public long bytes() {
        return 4L * rows * cols; // the zero rows padding the last panel are not counted
    }

    @Override
    public void row(int r, float[] dst, int off) {
        int base = (r / PANEL) * cols * PANEL + r % PANEL;
        for (int k = 0; k < cols; k++) dst[off + k] = panels[base + k * PANEL];
    }

    @Override
    public void dequantize(int r, int k0, int kc, float[] dst, int off) {
        int base = (r / PANEL) * cols * PANEL + r % PANEL + k0 * PANEL;
        for (int p = 0; p < kc; p++) dst[off + p] = panels[base + p * PANEL];
    }

    /** The GEMM reads the panels in place: they are its packed operand (PANEL = WeightGemm.NR, both two vectors). */
    @Override
    public float[] panels() {
        return panels;
    }

    @Override
    public int panelOffset(int r, int k) {
        return ((r / PANEL) * cols + k) * PANEL;
    }

    @Override
    protected void multiplyRows(Parallel pool, float[] x, float[] out, int batch) {
        float[] quads = quads(x, batch);
        forRows(pool, batch, (r0, r1) -> multiply(x, quads, out, batch, r0, r1));
    }

    @Override
    public void multiply(float[] x, float[] out, int batch, int r0, int r1) {
        multiply(x, quads(x, batch), out, batch, r0, r1);
    }

    private void multiply(float[] x, float[] quads, float[] out, int batch, int r0, int r1) {
        if (r0 >= r1) return;
        int p0 = r0 / PANEL, p1 = (r1 + PANEL - 1) / PANEL; // panels cut by [r0, r1) are computed whole, stored in part
        for (int p = p0; p < p1; p++) {
            int b = 0;
            for (; b + 4 <= batch; b += 4) panel4(p, quads, out, b, r0, r1);
            for (; b < batch; b++) panel1(p, x, out, b, r0, r1);
        }
    }

    /** Each thread's buffer for {@link #quads}, grown on demand. */
    private static final ThreadLocal<float[]> QUADS = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * The batch rows four at a time, column by column (rows b .. b + 3 of column k at b * cols + 4 * k
     * + i), so panel4's four broadcasts per column read adjacent values, not four rows cols * 4 bytes
     * apart. Valid until this thread calls it again; null below 4 batch rows.
     */
    private float[] quads(float[] x, int batch) {
        int n = cols, grouped = batch & ~3;
        if (grouped == 0) return null;
        float[] quads = QUADS.get();
        if (quads.length < grouped * n) QUADS.set(quads = new float[grouped * n]);
        for (int b = 0; b < grouped; b += 4) {
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < n; k++) quads[b * n + 4 * k + i] = x[(b + i) * n + k];
            }
        }
        return quads;
    }

    // panel1 and panel4 stay separate methods larger than C2's FreqInlineSize, each compiled on its own
    // with all its vector values inside it (see the C2 note in the README): when the results were
    // stored through a helper taking vectors, batch 8 ran 5x slower in some runs (boxed vectors).

    /** Panel p against batch row b: four accumulators (even and odd columns) hide the FMA latency. */
    private void panel1(int p, float[] x, float[] out, int b, int r0, int r1) {
        final int n = cols, even = n & ~1, po = p * n * PANEL, xo = b * n;
        FloatVector a0 = FloatVector.zero(F), a1 = a0, c0 = a0, c1 = a0;
        int k = 0;
        for (; k < even; k += 2) { // "k < bound": a counted loop, whose range checks C2 hoists
            int wo = po + k * PANEL;
            FloatVector v = FloatVector.broadcast(F, x[xo + k]), u = FloatVector.broadcast(F, x[xo + k + 1]);
            a0 = FloatVector.fromArray(F, panels, wo).fma(v, a0);
            a1 = FloatVector.fromArray(F, panels, wo + L).fma(v, a1);
            c0 = FloatVector.fromArray(F, panels, wo + PANEL).fma(u, c0);
            c1 = FloatVector.fromArray(F, panels, wo + PANEL + L).fma(u, c1);
        }
        if (k < n) {
            FloatVector v = FloatVector.broadcast(F, x[xo + k]);
            a0 = FloatVector.fromArray(F, panels, po + k * PANEL).fma(v, a0);
            a1 = FloatVector.fromArray(F, panels, po + k * PANEL + L).fma(v, a1);
        }
        a0 = a0.add(c0);
        a1 = a1.add(c1);
        int first = p * PANEL; // one set of stores, as in panel4
        boolean whole = first >= r0 && first + PANEL <= r1;
        float[] dst = whole ? out : new float[PANEL];
        int o = whole ? b * rows + first : 0;
        a0.intoArray(dst, o);
        a1.intoArray(dst, o + L);
        if (!whole) storePart(dst, 1, out, b, p, r0, r1);
    }

    /** Panel p against batch rows b .. b + 3 (from {@link #quads}): eight accumulators, each loaded weight vector used four times. */
    private void panel4(int p, float[] quads, float[] out, int b, int r0, int r1) {
        final int n = cols, po = p * n * PANEL, xb = b * n;
        FloatVector a0 = FloatVector.broadcast(F, 0f), a1 = a0, a2 = a0, a3 = a0, c0 = a0, c1 = a0, c2 = a0, c3 = a0;
        for (int k = 0; k < n; k++) {
            int wo = po + k * PANEL, xo = xb + 4 * k;
            FloatVector lo = FloatVector.fromArray(F, panels, wo), hi = FloatVector.fromArray(F, panels, wo + L);
            FloatVector v0 = FloatVector.broadcast(F, quads[xo]);
            a0 = lo.fma(v0, a0);
            c0 = hi.fma(v0, c0);
            FloatVector v1 = FloatVector.broadcast(F, quads[xo + 1]);
            a1 = lo.fma(v1, a1);
            c1 = hi.fma(v1, c1);
            FloatVector v2 = FloatVector.broadcast(F, quads[xo + 2]);
            a2 = lo.fma(v2, a2);
            c2 = hi.fma(v2, c2);
            FloatVector v3 = FloatVector.broadcast(F, quads[xo + 3]);
            a3 = lo.fma(v3, a3);
            c3 = hi.fma(v3, c3);
        }
        // The results go to out or, for a panel cut by the range or the matrix end, to a tile. The
        // accumulators start from broadcast(0f), not zero(): from zero(), C2 (JDK 17) did not know
        // their exact class after the loop, left these stores unintrinsified and boxed all eight
        // vectors on every call (seen as allocations and GCs in a steady batch-8 decode).
        int first = p * PANEL;
        boolean whole = first >= r0 && first + PANEL <= r1;
        float[] dst = whole ? out : new float[4 * PANEL];
        int o = whole ? b * rows + first : 0, stride = whole ? rows : PANEL;
        a0.intoArray(dst, o);
        c0.intoArray(dst, o + L);
        a1.intoArray(dst, o + stride);
        c1.intoArray(dst, o + stride + L);
        a2.intoArray(dst, o + 2 * stride);
        c2.intoArray(dst, o + 2 * stride + L);
        a3.intoArray(dst, o + 3 * stride);
        c3.intoArray(dst, o + 3 * stride + L);
        if (!whole) storePart(dst, 4, out, b, p, r0, r1);
    }

    /** Panel p's results for batch rows b .. b + n - 1 (PANEL per row in tile) into out, only rows in [r0, r1): a panel cut by the range or the matrix end. */
    private void storePart(float[] tile, int n, float[] out, int b, int p, int r0, int r1) {
        int first = p * PANEL;
        for (int i = 0; i < n; i++) {
            for (int j = Math.max(first, r0); j < Math.min(first + PANEL, r1); j++) out[(b + i) * rows + j] = tile[i * PANEL + j - first];
        }
    }
}
