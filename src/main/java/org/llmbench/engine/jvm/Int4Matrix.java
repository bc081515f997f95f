package org.llmbench.engine.jvm;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.quant.Fp16;
import org.llmbench.quant.Q4_0;
import org.llmbench.quant.Quant;

/**
 * int4 weights in llama.cpp's Q4_0 blocks (32 values, one fp16 scale; value = (q - 8) * d), held
 * as the 16 nibble bytes of each block in one byte[] and the scales in one short[]. The kernel
 * widens a block's 16 bytes to shorts at once: their low nibbles are elements 0..15, their high
 * nibbles 16..31; as in llama.cpp, they multiply int8-quantized activations ({@link Q8Activations})
 * in 16-bit integers, both scales applied once per block. For four batch rows it converts each
 * weight block to floats once (8 bytes at a time) and uses it against the dequantized activations.
 */
public final class Int4Matrix extends Q8DotMatrix {
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128, B64 = ByteVector.SPECIES_64;
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final int BLOCK = Q4_0.BLOCK, HALF = BLOCK / 2;

    private final byte[] q;      // rows * blocksPerRow * 16
    private final short[] scale; // rows * blocksPerRow, fp16
    private final int blocksPerRow;

    private Int4Matrix(int rows, int cols) {
        super(rows, cols);
        this.blocksPerRow = Q4_0.blocks(cols);
        long n = (long) rows * blocksPerRow;
        if (n * HALF > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(rows + "x" + cols + " is too large for one array");
        this.q = new byte[(int) (n * HALF)];
        this.scale = new short[(int) n];
    }

    /** Quantizes fp32 row-major values to Q4_0. */
    public static Int4Matrix quantize(float[] w, int rows, int cols) {
        Int8Matrix.checkLength(w.length, rows, cols);
        Int4Matrix m = new Int4Matrix(rows, cols);
        byte[] row = new byte[Q4_0.bytes(cols)];
        for (int r = 0; r < rows; r++) {
            Q4_0.encode(w, r * cols, cols, row, 0);
            m.setRow(r, row, 0);
        }
        return m;
    }

    /** Wraps the exact GGUF Q4_0 bytes of a rows x cols tensor (each row whole blocks of 18 bytes). */
    public static Int4Matrix fromQ4_0(byte[] blocks, int rows, int cols) {
        int rowBytes = Q4_0.bytes(cols);
        if (blocks.length != (long) rows * rowBytes) {
            throw new IllegalArgumentException("Q4_0 " + rows + "x" + cols + " needs " + (long) rows * rowBytes + " bytes, got " + blocks.length);
        }
        Int4Matrix m = new Int4Matrix(rows, cols);
        for (int r = 0; r < rows; r++) m.setRow(r, blocks, r * rowBytes);
        return m;
    }

    /** The exact Q4_0 bytes of this matrix, row after row. */
    public byte[] toQ4_0() {
        int rowBytes = Q4_0.bytes(cols);
        byte[] out = new byte[Math.multiplyExact(rows, rowBytes)];
        for (int r = 0; r < rows; r++) ScaleBlocks.join(scale, q, r * blocksPerRow, blocksPerRow, HALF, out, r * rowBytes);
        return out;
    }

    private void setRow(int r, byte[] src, int off) {
        ScaleBlocks.split(src, off, blocksPerRow, HALF, scale, q, r * blocksPerRow);
    }

    @Override
    public Quant quant() {
        return Quant.INT4;
    }

    @Override
    public long bytes() {
        return Quant.INT4.bytes(rows, cols);
    }

    private int nibble(int s, int j) {
        return j < HALF ? q[s * HALF + j] & 0x0F : (q[s * HALF + j - HALF] >> 4) & 0x0F;
    }

    @Override
    public void row(int r, float[] dst, int off) {
        for (int k = 0; k < blocksPerRow; k++) {
            int s = r * blocksPerRow + k, len = Math.min(BLOCK, cols - k * BLOCK);
            float d = Fp16.toFloat(scale[s]);
            for (int j = 0; j < len; j++) dst[off + k * BLOCK + j] = (nibble(s, j) - 8) * d;
        }
    }

    /** The 16 bytes of block s widened to shorts (each byte holds element j low, element j + 16 high). */
    private ShortVector widen(int s) {
        return (ShortVector) ByteVector.fromArray(B, q, s * HALF).convertShape(VectorOperators.B2S, S, 0);
    }

    @Override
    void multiply(Q8Activations a, float[] out, int batch, int r0, int r1) {
        if (batch < 4) {
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

    // The batch-1 loop and the four-row loop live in separate methods that C2 compiles as separate
    // roots: in one method, or inlined into the thread pool's task, their vector operations met C2's
    // inlining limits once both paths were hot, fell back to heap-allocated vectors and ran 10x slower
    // (measured on JDK 17 and 25). So each is kept above C2's FreqInlineSize (325 bytecodes).

    /**
     * Output rows r0 .. r1 for batch row b. The nibbles are multiplied as they are (0..15) and the
     * 8 every weight subtracts is taken off once per row, through each block's activation sum.
     */
    private void rows1(Q8Activations a, float[] out, int b, int r0, int r1) {
        final int n = cols, full = n / BLOCK, xb = b * n, db = b * blocksPerRow;
        final short[] xq = a.q;
        final float[] xd = a.d, c = new float[full];
        for (int r = r0; r < r1; r++) {
            final int s0 = r * blocksPerRow;
            blockScales(scale, s0, xd, db, full, c);
            FloatVector acc = FloatVector.zero(F);
            for (int k = 0; k < full; k++) { // one block per step: a counted loop C2 unrolls, its range checks hoisted
                ShortVector v = widen(s0 + k);
                ShortVector low = v.and((short) 0x0F), high = v.lanewise(VectorOperators.LSHR, 4).and((short) 0x0F);
                acc = nibbleDot(low, high, xq, xb + k * BLOCK).fma(FloatVector.broadcast(F, c[k]), acc);
            }
            float sum = acc.reduceLanes(VectorOperators.ADD) - 8 * VectorMath.dot(c, 0, a.sums, db, full);
            if (full < blocksPerRow) { // the partial last block, scalar
                int s = s0 + full, t = 0;
                for (int j = 0; j < n - full * BLOCK; j++) t += (nibble(s, j) - 8) * xq[xb + full * BLOCK + j];
                sum += t * Fp16.toFloat(scale[s]) * xd[db + full];
            }
            out[b * rows + r] = sum;
        }
    }

    /**
     * {@link Q8Activations#blockDot} for nibbles (0..15): four products sum to at most 4 * 15 * 127,
     * well inside a short, so each pair of shorts is summed in the upper half of its int (p + (p << 16))
     * and shifted down: three operations instead of four.
     */
    private static FloatVector nibbleDot(ShortVector low, ShortVector high, short[] q, int at) {
        ShortVector p = low.mul(ShortVector.fromArray(S, q, at)).add(high.mul(ShortVector.fromArray(S, q, at + 16)));
        IntVector pairs = p.reinterpretAsInts();
        return (FloatVector) pairs.add(pairs.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0);
    }

    private static FloatVector low(ByteVector v, FloatVector d) {
        return ((FloatVector) v.and((byte) 0x0F).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0)).mul(d);
    }

    private static FloatVector high(ByteVector v, FloatVector d) {
        return ((FloatVector) v.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0)).mul(d);
    }

    /** Output row r for batch rows b .. b + 3 in floats (dequantized activations), each weight block converted once for the four. */
    private void dot4(Q8Activations a, float[] out, int r, int b) {
        final int n = cols, full = n / BLOCK, s0 = r * blocksPerRow;
        final float[] x = a.x;
        final int x0 = b * full * BLOCK, x1 = x0 + BLOCK, x2 = x1 + BLOCK, x3 = x2 + BLOCK; // Q8Activations.xAt: a group of 4
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, c0 = a0, c1 = a0, c2 = a0, c3 = a0;
        for (int k = 0; k < full; k++) {
            int qo = (s0 + k) * HALF, xo = k * 4 * BLOCK;
            FloatVector d = FloatVector.broadcast(F, Fp16.toFloat(scale[s0 + k]));
            ByteVector v0 = ByteVector.fromArray(B64, q, qo), v1 = ByteVector.fromArray(B64, q, qo + 8);
            FloatVector w0 = low(v0, d), w1 = low(v1, d), w2 = high(v0, d), w3 = high(v1, d);
            a0 = w0.fma(FloatVector.fromArray(F, x, x0 + xo), a0);
            a1 = w0.fma(FloatVector.fromArray(F, x, x1 + xo), a1);
            a2 = w0.fma(FloatVector.fromArray(F, x, x2 + xo), a2);
            a3 = w0.fma(FloatVector.fromArray(F, x, x3 + xo), a3);
            c0 = w1.fma(FloatVector.fromArray(F, x, x0 + xo + 8), c0);
            c1 = w1.fma(FloatVector.fromArray(F, x, x1 + xo + 8), c1);
            c2 = w1.fma(FloatVector.fromArray(F, x, x2 + xo + 8), c2);
            c3 = w1.fma(FloatVector.fromArray(F, x, x3 + xo + 8), c3);
            a0 = w2.fma(FloatVector.fromArray(F, x, x0 + xo + 16), a0);
            a1 = w2.fma(FloatVector.fromArray(F, x, x1 + xo + 16), a1);
            a2 = w2.fma(FloatVector.fromArray(F, x, x2 + xo + 16), a2);
            a3 = w2.fma(FloatVector.fromArray(F, x, x3 + xo + 16), a3);
            c0 = w3.fma(FloatVector.fromArray(F, x, x0 + xo + 24), c0);
            c1 = w3.fma(FloatVector.fromArray(F, x, x1 + xo + 24), c1);
            c2 = w3.fma(FloatVector.fromArray(F, x, x2 + xo + 24), c2);
            c3 = w3.fma(FloatVector.fromArray(F, x, x3 + xo + 24), c3);
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
            int qo = (s0 + k) * HALF, xo = k * 8 * BLOCK;
            FloatVector d = FloatVector.broadcast(F, Fp16.toFloat(scale[s0 + k]));
            ByteVector v0 = ByteVector.fromArray(B64, q, qo), v1 = ByteVector.fromArray(B64, q, qo + 8);
            FloatVector w0 = low(v0, d), w1 = low(v1, d), w2 = high(v0, d), w3 = high(v1, d);
            a0 = w0.fma(FloatVector.fromArray(F, x, x0 + xo), a0);
            a1 = w0.fma(FloatVector.fromArray(F, x, x0 + xo + BLOCK), a1);
            a2 = w0.fma(FloatVector.fromArray(F, x, x0 + xo + 2 * BLOCK), a2);
            a3 = w0.fma(FloatVector.fromArray(F, x, x0 + xo + 3 * BLOCK), a3);
            a4 = w0.fma(FloatVector.fromArray(F, x, x0 + xo + 4 * BLOCK), a4);
            a5 = w0.fma(FloatVector.fromArray(F, x, x0 + xo + 5 * BLOCK), a5);
            a6 = w0.fma(FloatVector.fromArray(F, x, x0 + xo + 6 * BLOCK), a6);
            a7 = w0.fma(FloatVector.fromArray(F, x, x0 + xo + 7 * BLOCK), a7);
            a0 = w1.fma(FloatVector.fromArray(F, x, x0 + xo + 8), a0);
            a1 = w1.fma(FloatVector.fromArray(F, x, x0 + xo + 8 + BLOCK), a1);
            a2 = w1.fma(FloatVector.fromArray(F, x, x0 + xo + 8 + 2 * BLOCK), a2);
            a3 = w1.fma(FloatVector.fromArray(F, x, x0 + xo + 8 + 3 * BLOCK), a3);
            a4 = w1.fma(FloatVector.fromArray(F, x, x0 + xo + 8 + 4 * BLOCK), a4);
            a5 = w1.fma(FloatVector.fromArray(F, x, x0 + xo + 8 + 5 * BLOCK), a5);
            a6 = w1.fma(FloatVector.fromArray(F, x, x0 + xo + 8 + 6 * BLOCK), a6);
            a7 = w1.fma(FloatVector.fromArray(F, x, x0 + xo + 8 + 7 * BLOCK), a7);
            a0 = w2.fma(FloatVector.fromArray(F, x, x0 + xo + 16), a0);
            a1 = w2.fma(FloatVector.fromArray(F, x, x0 + xo + 16 + BLOCK), a1);
            a2 = w2.fma(FloatVector.fromArray(F, x, x0 + xo + 16 + 2 * BLOCK), a2);
            a3 = w2.fma(FloatVector.fromArray(F, x, x0 + xo + 16 + 3 * BLOCK), a3);
            a4 = w2.fma(FloatVector.fromArray(F, x, x0 + xo + 16 + 4 * BLOCK), a4);
            a5 = w2.fma(FloatVector.fromArray(F, x, x0 + xo + 16 + 5 * BLOCK), a5);
            a6 = w2.fma(FloatVector.fromArray(F, x, x0 + xo + 16 + 6 * BLOCK), a6);
            a7 = w2.fma(FloatVector.fromArray(F, x, x0 + xo + 16 + 7 * BLOCK), a7);
            a0 = w3.fma(FloatVector.fromArray(F, x, x0 + xo + 24), a0);
            a1 = w3.fma(FloatVector.fromArray(F, x, x0 + xo + 24 + BLOCK), a1);
            a2 = w3.fma(FloatVector.fromArray(F, x, x0 + xo + 24 + 2 * BLOCK), a2);
            a3 = w3.fma(FloatVector.fromArray(F, x, x0 + xo + 24 + 3 * BLOCK), a3);
            a4 = w3.fma(FloatVector.fromArray(F, x, x0 + xo + 24 + 4 * BLOCK), a4);
            a5 = w3.fma(FloatVector.fromArray(F, x, x0 + xo + 24 + 5 * BLOCK), a5);
            a6 = w3.fma(FloatVector.fromArray(F, x, x0 + xo + 24 + 6 * BLOCK), a6);
            a7 = w3.fma(FloatVector.fromArray(F, x, x0 + xo + 24 + 7 * BLOCK), a7);
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
        for (int j = 0; j < cols - k * BLOCK; j++) t += (nibble(s, j) - 8) * a.q[xo + j];
        return t * Fp16.toFloat(scale[s]) * a.d[b * blocksPerRow + k];
    }
}
