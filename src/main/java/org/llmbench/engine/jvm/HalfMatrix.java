package org.llmbench.engine.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.runtime.VectorWidth;

/**
 * 16-bit floating-point weights (fp16 or bf16), one short per value, row-major. The kernel loads
 * half a vector of shorts, sign-extends them to a vector of ints and turns the bits into floats
 * with integer operations (JDK 17's Vector API has no half-precision conversion); accumulation is fp32.
 */
abstract class HalfMatrix extends Matrix {
    static final VectorSpecies<Short> S = VectorWidth.HALF_SHORTS;
    static final VectorSpecies<Integer> I = VectorWidth.INTS;
    static final VectorSpecies<Float> F = VectorWidth.FLOATS;

    final short[] w;

    HalfMatrix(short[] w, int rows, int cols) {
        super(rows, cols);
        Int8Matrix.checkLength(w.length, rows, cols);
        this.w = w;
    }

    /** F.length() values at w[at ..] as floats. */
    abstract FloatVector load(short[] w, int at);

    /** One value as a float (tails and row lookup). */
    abstract float value(short h);

    final IntVector widen(short[] w, int at) {
        return (IntVector) ShortVector.fromArray(S, w, at).convertShape(VectorOperators.S2I, I, 0);
    }

    @Override
    public final long bytes() {
        return 2L * w.length;
    }

    @Override
    public final void dequantize(int r, int k0, int kc, float[] dst, int off) {
        final int base = r * cols + k0, len = F.length(), upper = kc - kc % len;
        int p = 0;
        for (; p < upper; p += len) load(w, base + p).intoArray(dst, off + p);
        for (; p < kc; p++) dst[off + p] = value(w[base + p]);
    }

    @Override
    public final void row(int r, float[] dst, int off) {
        for (int j = 0; j < cols; j++) dst[off + j] = value(w[r * cols + j]);
    }

    @Override
    public final void multiply(float[] x, float[] out, int batch, int r0, int r1) {
        if (batch < 4) { // decode: each row group on its own; see the note below
            for (int b = 0; b < batch; b++) rows1(x, out, b, r0, r1);
            return;
        }
        for (int r = r0; r < r1; r++) {
            int b = 0;
            for (; b + 4 <= batch; b += 4) dot4(x, out, r, b);
            for (; b < batch; b++) dot1(x, out, r, b);
        }
    }

    private void rows1(float[] x, float[] out, int b, int r0, int r1) {
        for (int r = r0; r < r1; r++) dot1(x, out, r, b);
    }

    // Every method holding the vector loop is kept above C2's FreqInlineSize (325 bytecodes), so it is
    // compiled as its own root: inlined into the thread pool's task, its vector operations met
    // NodeCountInliningCutoff, fell back to heap-allocated vectors and ran 10x slower (measured, JDK 17).

    private void dot4(float[] x, float[] out, int r, int b) {
        final int n = cols, len = F.length(), upper = n - n % (2 * len), wo = r * n;
        int x0 = b * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, c0 = a0, c1 = a0, c2 = a0, c3 = a0;
        for (int i = 0; i < upper; i += 2 * len) {
            FloatVector u = load(w, wo + i), v = load(w, wo + i + len);
            a0 = u.fma(FloatVector.fromArray(F, x, x0 + i), a0);
            a1 = u.fma(FloatVector.fromArray(F, x, x1 + i), a1);
            a2 = u.fma(FloatVector.fromArray(F, x, x2 + i), a2);
            a3 = u.fma(FloatVector.fromArray(F, x, x3 + i), a3);
            c0 = v.fma(FloatVector.fromArray(F, x, x0 + i + len), c0);
            c1 = v.fma(FloatVector.fromArray(F, x, x1 + i + len), c1);
            c2 = v.fma(FloatVector.fromArray(F, x, x2 + i + len), c2);
            c3 = v.fma(FloatVector.fromArray(F, x, x3 + i + len), c3);
        }
        out[b * rows + r] = a0.add(c0).reduceLanes(VectorOperators.ADD) + tail(wo, upper, x, x0);
        out[(b + 1) * rows + r] = a1.add(c1).reduceLanes(VectorOperators.ADD) + tail(wo, upper, x, x1);
        out[(b + 2) * rows + r] = a2.add(c2).reduceLanes(VectorOperators.ADD) + tail(wo, upper, x, x2);
        out[(b + 3) * rows + r] = a3.add(c3).reduceLanes(VectorOperators.ADD) + tail(wo, upper, x, x3);
    }

    private void dot1(float[] x, float[] out, int r, int b) {
        final int n = cols, len = F.length(), upper = n - n % (2 * len), upper4 = n - n % (4 * len), wo = r * n, xb = b * n;
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i < upper4; i += 4 * len) { // "i < bound": a counted loop, whose range checks C2 hoists
            a0 = load(w, wo + i).fma(FloatVector.fromArray(F, x, xb + i), a0);
            a1 = load(w, wo + i + len).fma(FloatVector.fromArray(F, x, xb + i + len), a1);
            a2 = load(w, wo + i + 2 * len).fma(FloatVector.fromArray(F, x, xb + i + 2 * len), a2);
            a3 = load(w, wo + i + 3 * len).fma(FloatVector.fromArray(F, x, xb + i + 3 * len), a3);
        }
        for (; i < upper; i += 2 * len) {
            a0 = load(w, wo + i).fma(FloatVector.fromArray(F, x, xb + i), a0);
            a1 = load(w, wo + i + len).fma(FloatVector.fromArray(F, x, xb + i + len), a1);
        }
        out[b * rows + r] = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD) + tail(wo, upper, x, xb);
    }

    private float tail(int wo, int from, float[] x, int xo) {
        float s = 0;
        for (int i = from; i < cols; i++) s += value(w[wo + i]) * x[xo + i];
        return s;
    }
}
