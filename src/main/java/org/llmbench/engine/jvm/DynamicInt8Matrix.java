package org.llmbench.engine.jvm;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.runtime.VectorWidth;
import org.llmbench.LlmbenchException;
import org.llmbench.quant.Q8_0;
import org.llmbench.quant.Quant;

/**
 * Dynamic quantization as PyTorch's quantize_dynamic does it for Linear layers: int8 weights with one
 * fp32 scale per row (absmax / 127), and activations quantized to int8 per token (per batch row) when
 * the multiply runs; the dot products are integer (int32 products and sums), scaled once per row.
 * Activations are symmetric (PyTorch's default is asymmetric uint8 per tensor); per token is finer.
 */
public final class DynamicInt8Matrix extends Matrix {
    private static final VectorSpecies<Byte> B = VectorWidth.QUARTER_BYTES;
    private static final VectorSpecies<Integer> I = VectorWidth.INTS;
    private static final int L = VectorWidth.LANES, STEP = 2 * L;
    /** Largest row whose int32 sum of int8 x int8 products cannot overflow (127 * 127 * cols < 2^31). */
    private static final int MAX_COLS = Integer.MAX_VALUE / (127 * 127);

    /** Per-thread activation buffers (quantized x widened to int32, and per-row scales), grown on demand. */
    private static final ThreadLocal<int[]> XQ = ThreadLocal.withInitial(() -> new int[0]);
    private static final ThreadLocal<float[]> XS = ThreadLocal.withInitial(() -> new float[0]);

    private final byte[] q;      // rows * cols
    private final float[] scale; // rows

    private DynamicInt8Matrix(byte[] q, float[] scale, int rows, int cols) {
        super(rows, cols);
        this.q = q;
        this.scale = scale;
    }

    public static DynamicInt8Matrix quantize(String name, float[] w, int rows, int cols) {
        Int8Matrix.checkLength(w.length, rows, cols);
        if (cols > MAX_COLS) throw new LlmbenchException("Tensor " + name + " has rows of " + cols + " values; dynamic int8 takes at most " + MAX_COLS + ".");
        byte[] q = new byte[w.length + VectorWidth.BYTE_PAD];
        float[] scale = new float[rows];
        for (int r = 0; r < rows; r++) scale[r] = quantizeRow(w, r * cols, cols, q, r * cols);
        return new DynamicInt8Matrix(q, scale, rows, cols);
    }

    /** Symmetric int8 of src[off .. off + n) into dst; returns the scale absmax / 127. */
    static float quantizeRow(float[] src, int off, int n, byte[] dst, int dstOff) {
        float d = Q8_0.scale(src, off, n), id = d != 0 ? 1f / d : 0f;
        for (int j = 0; j < n; j++) dst[dstOff + j] = Q8_0.quantize(src[off + j], id);
        return d;
    }

    @Override
    public Quant quant() {
        return Quant.DYNAMIC;
    }

    @Override
    public long bytes() {
        return Quant.DYNAMIC.bytes(rows, cols);
    }

    @Override
    public void row(int r, float[] dst, int off) {
        float d = scale[r];
        for (int j = 0; j < cols; j++) dst[off + j] = q[r * cols + j] * d;
    }

    @Override
    public void dequantize(int r, int k0, int kc, float[] dst, int off) {
        final int base = r * cols + k0, upper = kc - kc % L;
        FloatVector d = FloatVector.broadcast(VectorWidth.FLOATS, scale[r]);
        int p = 0;
        for (; p < upper; p += L) ((FloatVector) ByteVector.fromArray(B, q, base + p).convertShape(VectorOperators.B2F, VectorWidth.FLOATS, 0)).mul(d).intoArray(dst, off + p);
        for (; p < kc; p++) dst[off + p] = q[base + p] * scale[r];
    }

    private static final ThreadLocal<float[]> ROUNDED = ThreadLocal.withInitial(() -> new float[0]);

    /** Each row rounded to int8 with its own scale, as the kernels quantize it, dequantized. */
    @Override
    public float[] activations(float[] x, int m) {
        final int n = cols;
        float[] v = ROUNDED.get();
        if (v.length < m * n) ROUNDED.set(v = new float[m * n]);
        for (int b = 0; b < m; b++) {
            float d = Q8_0.scale(x, b * n, n), id = d != 0 ? 1f / d : 0f;
            for (int j = 0; j < n; j++) v[b * n + j] = Q8_0.quantize(x[b * n + j], id) * d;
        }
        return v;
    }

    @Override
    public void multiply(float[] x, float[] out, int batch, int r0, int r1) {
        final int n = cols;
        int[] xq = XQ.get();
        float[] xs = XS.get();
        if (xq.length < batch * n) XQ.set(xq = new int[batch * n]);
        if (xs.length < batch) XS.set(xs = new float[batch]);
        // each call quantizes the activations it uses: a call covers many weight rows, so this is a small share of the work
        for (int b = 0; b < batch; b++) {
            float d = Q8_0.scale(x, b * n, n), id = d != 0 ? 1f / d : 0f;
            xs[b] = d;
            for (int j = 0; j < n; j++) xq[b * n + j] = Q8_0.quantize(x[b * n + j], id);
        }
        for (int r = r0; r < r1; r++) {
            int b = 0;
            for (; b + 2 <= batch; b += 2) dot2(xq, xs, out, r, b);
            for (; b < batch; b++) dot1(xq, xs, out, r, b);
        }
    }

    // Every method holding the vector loop is kept above C2's FreqInlineSize (325 bytecodes), so it is
    // compiled as its own root: inlined into the thread pool's task, its vector operations met
    // NodeCountInliningCutoff, fell back to heap-allocated vectors and ran 10x slower (measured, JDK 17).
    // Measured on JDK 17:
    // widening a quarter vector of weight bytes straight to ints and multiplying ints beats int16 products, whose
    // widening of the upper half is not compiled to vector code there.

    /** Output row r for batch rows b and b + 1, each weight chunk widened once for both. */
    private void dot2(int[] xq, float[] xs, float[] out, int r, int b) {
        final int n = cols, upper = n - n % STEP, upper2 = n - n % (2 * STEP), wo = r * n, x0 = b * n, x1 = x0 + n;
        IntVector a0 = IntVector.zero(I), a1 = a0, c0 = a0, c1 = a0;
        int i = 0;
        for (; i < upper2; i += 2 * STEP) { // "i < bound": a counted loop, whose range checks C2 hoists
            IntVector w0 = widen(wo + i), w1 = widen(wo + i + L), w2 = widen(wo + i + 2 * L), w3 = widen(wo + i + 3 * L);
            a0 = a0.add(w0.mul(IntVector.fromArray(I, xq, x0 + i))).add(w2.mul(IntVector.fromArray(I, xq, x0 + i + 2 * L)));
            a1 = a1.add(w0.mul(IntVector.fromArray(I, xq, x1 + i))).add(w2.mul(IntVector.fromArray(I, xq, x1 + i + 2 * L)));
            c0 = c0.add(w1.mul(IntVector.fromArray(I, xq, x0 + i + L))).add(w3.mul(IntVector.fromArray(I, xq, x0 + i + 3 * L)));
            c1 = c1.add(w1.mul(IntVector.fromArray(I, xq, x1 + i + L))).add(w3.mul(IntVector.fromArray(I, xq, x1 + i + 3 * L)));
        }
        for (; i < upper; i += STEP) {
            IntVector w0 = widen(wo + i), w1 = widen(wo + i + L);
            a0 = a0.add(w0.mul(IntVector.fromArray(I, xq, x0 + i)));
            a1 = a1.add(w0.mul(IntVector.fromArray(I, xq, x1 + i)));
            c0 = c0.add(w1.mul(IntVector.fromArray(I, xq, x0 + i + L)));
            c1 = c1.add(w1.mul(IntVector.fromArray(I, xq, x1 + i + L)));
        }
        out[b * rows + r] = (a0.add(c0).reduceLanes(VectorOperators.ADD) + tail(wo, upper, xq, x0)) * scale[r] * xs[b];
        out[(b + 1) * rows + r] = (a1.add(c1).reduceLanes(VectorOperators.ADD) + tail(wo, upper, xq, x1)) * scale[r] * xs[b + 1];
    }

    private void dot1(int[] xq, float[] xs, float[] out, int r, int b) {
        final int n = cols, upper = n - n % STEP, upper2 = n - n % (2 * STEP), wo = r * n, x0 = b * n;
        IntVector a0 = IntVector.zero(I), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (; i < upper2; i += 2 * STEP) { // "i < bound": a counted loop, whose range checks C2 hoists
            a0 = a0.add(widen(wo + i).mul(IntVector.fromArray(I, xq, x0 + i)));
            a1 = a1.add(widen(wo + i + L).mul(IntVector.fromArray(I, xq, x0 + i + L)));
            a2 = a2.add(widen(wo + i + 2 * L).mul(IntVector.fromArray(I, xq, x0 + i + 2 * L)));
            a3 = a3.add(widen(wo + i + 3 * L).mul(IntVector.fromArray(I, xq, x0 + i + 3 * L)));
        }
        for (; i < upper; i += STEP) {
            a0 = a0.add(widen(wo + i).mul(IntVector.fromArray(I, xq, x0 + i)));
            a1 = a1.add(widen(wo + i + L).mul(IntVector.fromArray(I, xq, x0 + i + L)));
        }
        out[b * rows + r] = (a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD) + tail(wo, upper, xq, x0)) * scale[r] * xs[b];
    }

    private IntVector widen(int at) {
        return (IntVector) ByteVector.fromArray(B, q, at).convertShape(VectorOperators.B2I, I, 0);
    }

    private int tail(int wo, int from, int[] xq, int xo) {
        int s = 0;
        for (int i = from; i < cols; i++) s += q[wo + i] * xq[xo + i];
        return s;
    }
}
