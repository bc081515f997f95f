package org.llmbench.engine.jvm;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.runtime.VectorWidth;
import org.llmbench.quant.Fp16;
import org.llmbench.quant.Q8_0;
import org.llmbench.quant.Quant;

/**
 * int8 weights in llama.cpp's Q8_0 blocks (32 values, one fp16 scale), held as the quants in one
 * byte[] and the scales in one short[] (same bytes as Q8_0, but the quants 32-byte aligned for the
 * vector loads). As llama.cpp does, the kernel multiplies them by int8-quantized activations
 * ({@link Q8Activations}) in 16-bit integers, applying both scales once per block. For four batch
 * rows it converts each weight block to floats once and uses it against the dequantized activations.
 * Vector shapes are the hardware's ({@link VectorWidth}): a block is 32 / L float vectors.
 */
public final class Int8Matrix extends Q8DotMatrix {
    private static final VectorSpecies<Byte> B = VectorWidth.HALF_BYTES, B64 = VectorWidth.QUARTER_BYTES;
    private static final VectorSpecies<Short> S = VectorWidth.SHORTS;
    private static final VectorSpecies<Float> F = VectorWidth.FLOATS;
    private static final int BLOCK = Q8_0.BLOCK, L = VectorWidth.LANES, SL = 2 * L;
    /** Short vectors per block: 4 at 128 bits, 2 at 256, 1 at 512. */
    private static final int PER_BLOCK = BLOCK / SL;

    private final byte[] q;      // rows * blocksPerRow * 32
    private final short[] scale; // rows * blocksPerRow, fp16
    private final int blocksPerRow;

    private Int8Matrix(int rows, int cols) {
        super(rows, cols);
        this.blocksPerRow = Q8_0.blocks(cols);
        long n = (long) rows * blocksPerRow;
        if (n * BLOCK > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(rows + "x" + cols + " is too large for one array");
        this.q = new byte[(int) (n * BLOCK) + VectorWidth.BYTE_PAD];
        this.scale = new short[(int) n + HALF_PAD]; // padded for halves' full-width load
    }

    /** Quantizes fp32 row-major values to Q8_0. */
    public static Int8Matrix quantize(float[] w, int rows, int cols) {
        checkLength(w.length, rows, cols);
        Int8Matrix m = new Int8Matrix(rows, cols);
        byte[] row = new byte[Q8_0.bytes(cols)];
        for (int r = 0; r < rows; r++) {
            Q8_0.encode(w, r * cols, cols, row, 0);
            m.setRow(r, row, 0);
        }
        return m;
    }

    /** Wraps the exact GGUF Q8_0 bytes of a rows x cols tensor (each row whole blocks of 34 bytes). */
    public static Int8Matrix fromQ8_0(byte[] blocks, int rows, int cols) {
        int rowBytes = Q8_0.bytes(cols);
        if (blocks.length != (long) rows * rowBytes) {
            throw new IllegalArgumentException("Q8_0 " + rows + "x" + cols + " needs " + (long) rows * rowBytes + " bytes, got " + blocks.length);
        }
        Int8Matrix m = new Int8Matrix(rows, cols);
        for (int r = 0; r < rows; r++) m.setRow(r, blocks, r * rowBytes);
        return m;
    }

    /** The exact Q8_0 bytes of this matrix, row after row. */
    public byte[] toQ8_0() {
        int rowBytes = Q8_0.bytes(cols);
        byte[] out = new byte[Math.multiplyExact(rows, rowBytes)];
        for (int r = 0; r < rows; r++) ScaleBlocks.join(scale, q, r * blocksPerRow, blocksPerRow, BLOCK, out, r * rowBytes);
        return out;
    }

    private void setRow(int r, byte[] src, int off) {
        ScaleBlocks.split(src, off, blocksPerRow, BLOCK, scale, q, r * blocksPerRow);
    }

    static void checkLength(int length, int rows, int cols) {
        if (length != (long) rows * cols) throw new IllegalArgumentException("expected " + rows + "x" + cols + " values, got " + length);
    }

    @Override
    public Quant quant() {
        return Quant.INT8;
    }

    @Override
    public long bytes() {
        return Quant.INT8.bytes(rows, cols);
    }

    @Override
    public void row(int r, float[] dst, int off) {
        for (int k = 0; k < blocksPerRow; k++) {
            int s = r * blocksPerRow + k, len = Math.min(BLOCK, cols - k * BLOCK);
            float d = Fp16.toFloat(scale[s]);
            for (int j = 0; j < len; j++) dst[off + k * BLOCK + j] = q[s * BLOCK + j] * d;
        }
    }

    @Override
    public int depthStep() {
        return BLOCK;
    }

    @Override
    public void dequantize(int r, int k0, int kc, float[] dst, int off) {
        final int s0 = r * blocksPerRow + k0 / BLOCK, whole = kc / BLOCK; // k0 is a whole block
        for (int k = 0; k < whole; k++) {
            FloatVector d = FloatVector.broadcast(F, Fp16.toFloat(scale[s0 + k]));
            int qo = (s0 + k) * BLOCK, o = off + k * BLOCK;
            for (int j = 0; j < BLOCK; j += L) load(q, qo + j, d).intoArray(dst, o + j);
        }
        if (whole * BLOCK < kc) { // a row's partial last block
            int s = s0 + whole;
            float d = Fp16.toFloat(scale[s]);
            for (int j = 0; j < kc - whole * BLOCK; j++) dst[off + whole * BLOCK + j] = q[s * BLOCK + j] * d;
        }
    }

    private static ShortVector widen(byte[] q, int at) {
        return (ShortVector) ByteVector.fromArray(B, q, at).convertShape(VectorOperators.B2S, S, 0);
    }

    /**
     * One block's integer dot product, as L fp32 partial sums: 16-bit products of the weights at
     * q[qo ..] with the activations at x[xo ..]. Two int8 products fit a short (|sum| <= 2 * 128 *
     * 127), so pairs of vectors are added before adjacent shorts are summed into ints: AVX2's
     * vpmaddwd, spelled out. PER_BLOCK is a constant: C2 compiles one branch.
     */
    private static FloatVector blockDot(byte[] q, int qo, short[] x, int xo) {
        IntVector sums;
        if (PER_BLOCK == 1) {
            sums = pairSums(widen(q, qo).mul(ShortVector.fromArray(S, x, xo)));
        } else if (PER_BLOCK == 2) {
            sums = pairSums(widen(q, qo).mul(ShortVector.fromArray(S, x, xo)).add(widen(q, qo + SL).mul(ShortVector.fromArray(S, x, xo + SL))));
        } else {
            sums = pairSums(widen(q, qo).mul(ShortVector.fromArray(S, x, xo)).add(widen(q, qo + SL).mul(ShortVector.fromArray(S, x, xo + SL))))
                    .add(pairSums(widen(q, qo + 2 * SL).mul(ShortVector.fromArray(S, x, xo + 2 * SL)).add(widen(q, qo + 3 * SL).mul(ShortVector.fromArray(S, x, xo + 3 * SL)))));
        }
        return (FloatVector) sums.convert(VectorOperators.I2F, 0);
    }

    /** Adjacent shorts of p summed into ints. */
    private static IntVector pairSums(ShortVector p) {
        IntVector pairs = p.reinterpretAsInts();
        return pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).add(pairs.lanewise(VectorOperators.ASHR, 16));
    }

    @Override
    void multiply(Q8Activations a, float[] out, int batch, int r0, int r1) {
        if (batch < 4) { // decode: each row group on its own; see the note below
            for (int b = 0; b < batch; b++) rows1(a, out, b, r0, r1);
            return;
        }
        for (int r = r0; r < r1; r++) {
            int b = 0;
            for (; b + 8 <= batch; b += 8) dot8(a, out, r, b);
            for (; b + 4 <= batch; b += 4) dot4(a, out, r, b);
            for (; b < batch; b++) rows1(a, out, b, r, r + 1);
        }
    }

    // Every method holding a vector loop must be compiled as its own root: inlined into the thread
    // pool's task, its vector operations met NodeCountInliningCutoff, fell back to heap-allocated
    // vectors and ran 10x slower (measured, JDK 17). dot4 and dot8 are above C2's FreqInlineSize (325
    // bytecodes); rows1 (294) is not, but its compiled code exceeds InlineSmallCode, so C2 does not
    // inline it either ("already compiled into a medium method" under -XX:+PrintInlining).

    /** Output rows r0 .. r1 for batch row b. */
    private void rows1(Q8Activations a, float[] out, int b, int r0, int r1) {
        final int n = cols, full = n / BLOCK, xb = b * n, db = b * blocksPerRow;
        final short[] xq = a.q;
        final float[] xd = a.d, c = new float[full];
        for (int r = r0; r < r1; r++) {
            final int s0 = r * blocksPerRow;
            blockScales(scale, s0, xd, db, full, c);
            FloatVector acc = FloatVector.zero(F);
            for (int k = 0; k < full; k++) { // one block per step: a counted loop C2 unrolls, its range checks hoisted
                int qo = (s0 + k) * BLOCK;
                acc = blockDot(q, qo, xq, xb + k * BLOCK).fma(FloatVector.broadcast(F, c[k]), acc);
            }
            float sum = acc.reduceLanes(VectorOperators.ADD);
            if (full < blocksPerRow) { // the partial last block, scalar
                int s = s0 + full, t = 0;
                for (int j = 0; j < n - full * BLOCK; j++) t += q[s * BLOCK + j] * xq[xb + full * BLOCK + j];
                sum += t * Fp16.toFloat(scale[s]) * xd[db + full];
            }
            out[b * rows + r] = sum;
        }
    }

    private static FloatVector load(byte[] q, int at, FloatVector d) {
        return ((FloatVector) ByteVector.fromArray(B64, q, at).convertShape(VectorOperators.B2F, F, 0)).mul(d);
    }

    /** Output row r for batch rows b .. b + 3 in floats (dequantized activations), each weight block converted once for the four. */
    private void dot4(Q8Activations a, float[] out, int r, int b) {
        final int n = cols, full = n / BLOCK, s0 = r * blocksPerRow;
        final float[] x = a.x;
        final int x0 = b * full * BLOCK, x1 = x0 + BLOCK, x2 = x1 + BLOCK, x3 = x2 + BLOCK; // Q8Activations.xAt: a group of 4
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, c0 = a0, c1 = a0, c2 = a0, c3 = a0;
        for (int k = 0; k < full; k++) {
            int qo = (s0 + k) * BLOCK, xo = k * 4 * BLOCK;
            FloatVector d = FloatVector.broadcast(F, Fp16.toFloat(scale[s0 + k]));
            for (int j = 0; j < BLOCK; j += 2 * L) { // 32 / 2L steps: a constant trip count
                FloatVector w0 = load(q, qo + j, d), w1 = load(q, qo + j + L, d);
                a0 = w0.fma(FloatVector.fromArray(F, x, x0 + xo + j), a0);
                a1 = w0.fma(FloatVector.fromArray(F, x, x1 + xo + j), a1);
                a2 = w0.fma(FloatVector.fromArray(F, x, x2 + xo + j), a2);
                a3 = w0.fma(FloatVector.fromArray(F, x, x3 + xo + j), a3);
                c0 = w1.fma(FloatVector.fromArray(F, x, x0 + xo + j + L), c0);
                c1 = w1.fma(FloatVector.fromArray(F, x, x1 + xo + j + L), c1);
                c2 = w1.fma(FloatVector.fromArray(F, x, x2 + xo + j + L), c2);
                c3 = w1.fma(FloatVector.fromArray(F, x, x3 + xo + j + L), c3);
            }
        }
        out[b * rows + r] = a0.add(c0).reduceLanes(VectorOperators.ADD) + tail(r, a, b);
        out[(b + 1) * rows + r] = a1.add(c1).reduceLanes(VectorOperators.ADD) + tail(r, a, b + 1);
        out[(b + 2) * rows + r] = a2.add(c2).reduceLanes(VectorOperators.ADD) + tail(r, a, b + 2);
        out[(b + 3) * rows + r] = a3.add(c3).reduceLanes(VectorOperators.ADD) + tail(r, a, b + 3);
    }

    /** Output row r for batch rows b .. b + 7 in floats: each weight block converted once for eight rows, one accumulator per row. */
    private void dot8(Q8Activations a, float[] out, int r, int b) {
        final int n = cols, full = n / BLOCK, s0 = r * blocksPerRow;
        final float[] x = a.x;
        final int x0 = b * full * BLOCK; // Q8Activations.xAt: a group of 8, row i of block k at x0 + (8 * k + i) * 32
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int k = 0; k < full; k++) {
            int qo = (s0 + k) * BLOCK, xo = x0 + k * 8 * BLOCK;
            FloatVector d = FloatVector.broadcast(F, Fp16.toFloat(scale[s0 + k]));
            for (int j = 0; j < BLOCK; j += L) { // 32 / L steps: a constant trip count
                FloatVector w = load(q, qo + j, d);
                a0 = w.fma(FloatVector.fromArray(F, x, xo + j), a0);
                a1 = w.fma(FloatVector.fromArray(F, x, xo + j + BLOCK), a1);
                a2 = w.fma(FloatVector.fromArray(F, x, xo + j + 2 * BLOCK), a2);
                a3 = w.fma(FloatVector.fromArray(F, x, xo + j + 3 * BLOCK), a3);
                a4 = w.fma(FloatVector.fromArray(F, x, xo + j + 4 * BLOCK), a4);
                a5 = w.fma(FloatVector.fromArray(F, x, xo + j + 5 * BLOCK), a5);
                a6 = w.fma(FloatVector.fromArray(F, x, xo + j + 6 * BLOCK), a6);
                a7 = w.fma(FloatVector.fromArray(F, x, xo + j + 7 * BLOCK), a7);
            }
        }
        out[b * rows + r] = a0.reduceLanes(VectorOperators.ADD) + tail(r, a, b);
        out[(b + 1) * rows + r] = a1.reduceLanes(VectorOperators.ADD) + tail(r, a, b + 1);
        out[(b + 2) * rows + r] = a2.reduceLanes(VectorOperators.ADD) + tail(r, a, b + 2);
        out[(b + 3) * rows + r] = a3.reduceLanes(VectorOperators.ADD) + tail(r, a, b + 3);
        out[(b + 4) * rows + r] = a4.reduceLanes(VectorOperators.ADD) + tail(r, a, b + 4);
        out[(b + 5) * rows + r] = a5.reduceLanes(VectorOperators.ADD) + tail(r, a, b + 5);
        out[(b + 6) * rows + r] = a6.reduceLanes(VectorOperators.ADD) + tail(r, a, b + 6);
        out[(b + 7) * rows + r] = a7.reduceLanes(VectorOperators.ADD) + tail(r, a, b + 7);
    }

    /** The partial last block of row r against batch row b, scalar. */
    private float tail(int r, Q8Activations a, int b) {
        int k = cols / BLOCK;
        if (k == blocksPerRow) return 0f;
        int s = r * blocksPerRow + k, xo = b * cols + k * BLOCK, t = 0;
        for (int j = 0; j < cols - k * BLOCK; j++) t += q[s * BLOCK + j] * a.q[xo + j];
        return t * Fp16.toFloat(scale[s]) * a.d[b * blocksPerRow + k];
    }
}
