package org.llmbench.engine.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.quant.Fp16;
import org.llmbench.quant.Q4_0;
import org.llmbench.quant.Quant;

/**
 * int4 weights: llama.cpp's Q4_0 blocks (32 values, one fp16 scale; value = (q - 8) * d), repacked
 * when loaded (as llama.cpp repacks Q4_0 for its CPU kernels) so that one 16-lane vector of nibbles
 * holds one value of each of 8 blocks, two lanes per block. A row is padded to whole groups of 8
 * blocks (none for the registry's shapes; at most 7 blocks a row otherwise) with zero scales;
 * {@link #toQ4_0} gives back the exact Q4_0 bytes.
 * <p>
 * Layout: group g of row r is 64 shorts at (r * groups + g) * 64, 16 per quarter u (0..3); short
 * lane l of quarter u holds in bits 4m .. 4m + 3 the nibble of vector t = 4u + m, where lane l of
 * vector t is value t + 16 * (l & 1) of the group's block l / 2 ({@link Int4Activations} orders the
 * activations the same way).
 * <p>
 * Batch 1 multiplies the nibbles (0..15) with the int8 activations in 16-bit lanes: 16 products of
 * a lane (|sum| <= 16 * 15 * 127) fit a short, so a group's 16 vectors are summed without widening,
 * and only then widened to the group's 8 block sums, scaled and accumulated in fp32: about half the
 * instructions per block of a block-at-a-time kernel. The 8 every nibble carries is taken off
 * through each block's activation sum. For 4 and 8 batch rows each 8 shorts' 32 nibbles are
 * converted to floats once and used against the dequantized activations of every row.
 */
public final class Int4Matrix extends Matrix {
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_256, S8 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorShuffle<Float> PAIRS_LOW = VectorShuffle.fromValues(F, 0, 0, 1, 1, 2, 2, 3, 3);
    private static final VectorShuffle<Float> PAIRS_HIGH = VectorShuffle.fromValues(F, 4, 4, 5, 5, 6, 6, 7, 7);
    private static final int BLOCK = Q4_0.BLOCK, HALF = BLOCK / 2, GROUP = Int4Activations.GROUP, GROUP_SHORTS = GROUP * BLOCK / 4;

    private final short[] q;     // rows * groups * 64, in the layout above
    private final short[] scale; // rows * groups * 8, fp16, zero past the row
    private final int blocksPerRow, groups;

    private Int4Matrix(int rows, int cols) {
        super(rows, cols);
        this.blocksPerRow = Q4_0.blocks(cols);
        this.groups = (blocksPerRow + GROUP - 1) / GROUP;
        long n = (long) rows * groups;
        if (n * GROUP_SHORTS > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(rows + "x" + cols + " is too large for one array");
        this.q = new short[(int) (n * GROUP_SHORTS)];
        this.scale = new short[(int) (n * GROUP)];
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
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < blocksPerRow; k++) {
                int o = r * rowBytes + k * Q4_0.BLOCK_BYTES;
                short d = scale[(r * groups) * GROUP + k];
                out[o] = (byte) d;
                out[o + 1] = (byte) (d >> 8);
                for (int j = 0; j < HALF; j++) out[o + 2 + j] = (byte) (nibble(r, k, j) | nibble(r, k, j + HALF) << 4);
            }
        }
        return out;
    }

    /** Repacks one row's Q4_0 blocks from src[off ..). */
    private void setRow(int r, byte[] src, int off) {
        for (int k = 0; k < blocksPerRow; k++) {
            int o = off + k * Q4_0.BLOCK_BYTES;
            scale[(r * groups) * GROUP + k] = (short) ((src[o] & 0xFF) | src[o + 1] << 8);
            int at = at(r, k, 0);
            for (int u = 0; u < 4; u++) { // bytes 4u .. 4u + 3: values 4u + m (low nibbles, lane at) and 4u + m + 16 (high, lane at + 1)
                int v = (int) INT_LE.get(src, o + 2 + 4 * u);
                q[at + 16 * u] = nibblesToShort(v);
                q[at + 16 * u + 1] = nibblesToShort(v >>> 4);
            }
        }
    }

    private static final java.lang.invoke.VarHandle INT_LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** The low nibbles of v's 4 bytes, byte m's in bits 4m .. 4m + 3 of a short. */
    private static short nibblesToShort(int v) {
        int x = v & 0x0F0F0F0F;
        x = (x | x >>> 4) & 0x00FF00FF;
        return (short) (x | x >>> 8);
    }

    /** The short holding value e of block k of row r (in nibble e % 4: vector t = e % 16 is 4u + e % 4). */
    private int at(int r, int k, int e) {
        return (r * groups + k / GROUP) * GROUP_SHORTS + (e % HALF) / 4 * 16 + Int4Activations.lane(k % GROUP, e);
    }

    private int nibble(int r, int k, int e) {
        return (q[at(r, k, e)] >> 4 * (e % 4)) & 0x0F;
    }

    @Override
    public Quant quant() {
        return Quant.INT4;
    }

    /** The Q4_0 bytes (the padding to whole groups, if any, is not counted). */
    @Override
    public long bytes() {
        return Quant.INT4.bytes(rows, cols);
    }

    @Override
    public void row(int r, float[] dst, int off) {
        for (int k = 0; k < blocksPerRow; k++) {
            int len = Math.min(BLOCK, cols - k * BLOCK);
            float d = Fp16.toFloat(scale[(r * groups) * GROUP + k]);
            for (int e = 0; e < len; e++) dst[off + k * BLOCK + e] = (nibble(r, k, e) - 8) * d;
        }
    }

    @Override
    public void multiply(Parallel pool, float[] x, float[] out, int batch) {
        Int4Activations a = activations(x, batch);
        forRows(pool, batch, (r0, r1) -> multiply(a, out, batch, r0, r1));
    }

    @Override
    public void multiply(float[] x, float[] out, int batch, int r0, int r1) {
        multiply(activations(x, batch), out, batch, r0, r1);
    }

    /** x quantized to int8 blocks as llama.cpp's Q4_0 dot product takes them, in this matrix's order. */
    private Int4Activations activations(float[] x, int batch) {
        return Int4Activations.of(Q8Activations.of(x, batch, cols), batch, cols, groups);
    }

    private void multiply(Int4Activations a, float[] out, int batch, int r0, int r1) {
        short[] running = new short[groups * 4 * 16];
        if (batch < 4) {
            for (int b = 0; b < batch; b++) rows1(a, out, b, r0, r1, running);
            return;
        }
        float[] d = new float[groups * 2 * 8];
        for (int r = r0; r < r1; r++) {
            pairScales(r, d);
            int b = 0;
            for (; b + 8 <= batch; b += 8) dot8(a, out, r, b, d);
            for (; b + 4 <= batch; b += 4) dot4(a, out, r, b, d);
            for (; b < batch; b++) rows1(a, out, b, r, r + 1, running);
        }
    }

    // rows1, dot4 and dot8 are separate methods that C2 compiles as separate roots: in one method, or
    // inlined into the thread pool's task, their vector operations met C2's inlining limits once both
    // paths were hot, fell back to heap-allocated vectors and ran 10x slower (measured on JDK 17 and
    // 25). For the same reason each loop handles a quarter group (rows1) or 16 bytes (dot4, dot8) per
    // step: a counted loop whose indices are linear in its counter, so C2 hoists the range checks.

    /** Output rows r0 .. r1 for batch row b (running: groups * 64 shorts of scratch). */
    private void rows1(Int4Activations a, float[] out, int b, int r0, int r1, short[] running) {
        final short[] q = this.q, x = a.q, scale = this.scale;
        final int groups = this.groups, quarters = groups * 4, x0 = b * groups * Int4Activations.GROUP_VALUES;
        for (int r = r0; r < r1; r++) {
            final int w0 = r * groups * GROUP_SHORTS;
            ShortVector p0 = ShortVector.zero(S), p1 = p0;
            for (int i = 0; i < quarters; i++) { // vectors t = 4u .. 4u + 3 of a group
                IntVector v = ShortVector.fromArray(S, q, w0 + 16 * i).reinterpretAsInts();
                int xi = x0 + 64 * i;
                p0 = p0.add(nibbles(v, 0).mul(ShortVector.fromArray(S, x, xi)));
                p1 = p1.add(nibbles(v, 4).mul(ShortVector.fromArray(S, x, xi + 16)));
                p0 = p0.add(nibbles(v, 8).mul(ShortVector.fromArray(S, x, xi + 32)));
                p1 = p1.add(nibbles(v, 12).mul(ShortVector.fromArray(S, x, xi + 48)));
                // Running lane sums, modulo 2^16, stored every step (an unconditional store keeps the loop
                // simple): a group's own sums are the difference of two of them, which fits a short.
                p0.add(p1).intoArray(running, 16 * i);
            }
            out[b * rows + r] = groupSums(running, scale, r * groups * GROUP, a.d, a.sums8, b * groups * GROUP, groups);
        }
    }

    /** Nibble shift / 4 of each short, shifted as ints (an immediate shift on x86) and masked per short. */
    private static ShortVector nibbles(IntVector v, int shift) {
        return v.lanewise(VectorOperators.LSHR, shift).and(0x000F_000F).reinterpretAsShorts();
    }

    /**
     * A row's dot product from its running lane sums: per group, the 16 lanes' sums widened to the
     * 8 blocks' sums (two lanes each), less 8 times the block's activation sum, times both scales.
     */
    private static float groupSums(short[] running, short[] scale, int s0, float[] xd, int[] sums8, int a0, int groups) {
        FloatVector acc = FloatVector.zero(F);
        ShortVector before = ShortVector.zero(S);
        for (int g = 0; g < groups; g++) {
            ShortVector now = ShortVector.fromArray(S, running, 64 * g + 48);
            IntVector pairs = now.sub(before).reinterpretAsInts();
            before = now;
            IntVector sums = pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).add(pairs.lanewise(VectorOperators.ASHR, 16));
            sums = sums.sub(IntVector.fromArray(I, sums8, a0 + GROUP * g));
            FloatVector c = Q8DotMatrix.halves(scale, s0 + GROUP * g).mul(FloatVector.fromArray(F, xd, a0 + GROUP * g));
            acc = ((FloatVector) sums.convert(VectorOperators.I2F, 0)).fma(c, acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** Row r's weight scales for the batch kernels: per group, 8 floats for lanes 0..7 (blocks 0..3, each twice), then lanes 8..15. */
    private void pairScales(int r, float[] d) {
        for (int g = 0; g < groups; g++) {
            FloatVector h = Q8DotMatrix.halves(scale, (r * groups + g) * GROUP);
            h.rearrange(PAIRS_LOW).intoArray(d, 16 * g);
            h.rearrange(PAIRS_HIGH).intoArray(d, 16 * g + 8);
        }
    }

    /** The 8 shorts at q[at ..] widened to ints. */
    private IntVector widen(int at) {
        return (IntVector) ShortVector.fromArray(S8, q, at).convertShape(VectorOperators.S2I, I, 0);
    }

    /** Nibble shift / 4 of each int, minus 8, times the scales d: 8 weights. */
    private static FloatVector weights(IntVector v, int shift, FloatVector d) {
        return ((FloatVector) v.lanewise(VectorOperators.LSHR, shift).and(0x0F).sub(8).convert(VectorOperators.I2F, 0)).mul(d);
    }

    /** Output row r for batch rows b .. b + 3 in floats (dequantized activations), each 8 weight shorts converted once for the four. */
    private void dot4(Int4Activations a, float[] out, int r, int b, float[] d) {
        final int steps = groups * GROUP, w0 = r * groups * GROUP_SHORTS, x0 = b * groups * Int4Activations.GROUP_VALUES;
        final float[] x = a.x;
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, c0 = a0, c1 = a0, c2 = a0, c3 = a0;
        for (int j = 0; j < steps; j++) { // Int4Activations.xAt, s = 4: kind m, row i at x0 + 128 * j + (4 * m + i) * 8
            int xo = x0 + 128 * j;
            FloatVector dj = FloatVector.fromArray(F, d, 16 * (j / GROUP) + 8 * (j % 2));
            IntVector v = widen(w0 + 8 * j);
            FloatVector w0v = weights(v, 0, dj), w1 = weights(v, 4, dj), w2 = weights(v, 8, dj), w3 = weights(v, 12, dj);
            a0 = w0v.fma(FloatVector.fromArray(F, x, xo), a0);
            a1 = w0v.fma(FloatVector.fromArray(F, x, xo + 8), a1);
            a2 = w0v.fma(FloatVector.fromArray(F, x, xo + 16), a2);
            a3 = w0v.fma(FloatVector.fromArray(F, x, xo + 24), a3);
            c0 = w1.fma(FloatVector.fromArray(F, x, xo + 32), c0);
            c1 = w1.fma(FloatVector.fromArray(F, x, xo + 40), c1);
            c2 = w1.fma(FloatVector.fromArray(F, x, xo + 48), c2);
            c3 = w1.fma(FloatVector.fromArray(F, x, xo + 56), c3);
            a0 = w2.fma(FloatVector.fromArray(F, x, xo + 64), a0);
            a1 = w2.fma(FloatVector.fromArray(F, x, xo + 72), a1);
            a2 = w2.fma(FloatVector.fromArray(F, x, xo + 80), a2);
            a3 = w2.fma(FloatVector.fromArray(F, x, xo + 88), a3);
            c0 = w3.fma(FloatVector.fromArray(F, x, xo + 96), c0);
            c1 = w3.fma(FloatVector.fromArray(F, x, xo + 104), c1);
            c2 = w3.fma(FloatVector.fromArray(F, x, xo + 112), c2);
            c3 = w3.fma(FloatVector.fromArray(F, x, xo + 120), c3);
        }
        out[b * rows + r] = a0.add(c0).reduceLanes(VectorOperators.ADD);
        out[(b + 1) * rows + r] = a1.add(c1).reduceLanes(VectorOperators.ADD);
        out[(b + 2) * rows + r] = a2.add(c2).reduceLanes(VectorOperators.ADD);
        out[(b + 3) * rows + r] = a3.add(c3).reduceLanes(VectorOperators.ADD);
    }

    /** Output row r for batch rows b .. b + 7 in floats: each 8 weight shorts converted once for eight rows, one accumulator per row. */
    private void dot8(Int4Activations a, float[] out, int r, int b, float[] d) {
        final int steps = groups * GROUP, w0 = r * groups * GROUP_SHORTS, x0 = b * groups * Int4Activations.GROUP_VALUES;
        final float[] x = a.x;
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int j = 0; j < steps; j++) { // Int4Activations.xAt, s = 8: kind m, row i at x0 + 256 * j + (8 * m + i) * 8
            int xo = x0 + 256 * j;
            FloatVector dj = FloatVector.fromArray(F, d, 16 * (j / GROUP) + 8 * (j % 2));
            IntVector v = widen(w0 + 8 * j);
            FloatVector w0v = weights(v, 0, dj), w1 = weights(v, 4, dj), w2 = weights(v, 8, dj), w3 = weights(v, 12, dj);
            a0 = w0v.fma(FloatVector.fromArray(F, x, xo), a0);
            a1 = w0v.fma(FloatVector.fromArray(F, x, xo + 8), a1);
            a2 = w0v.fma(FloatVector.fromArray(F, x, xo + 16), a2);
            a3 = w0v.fma(FloatVector.fromArray(F, x, xo + 24), a3);
            a4 = w0v.fma(FloatVector.fromArray(F, x, xo + 32), a4);
            a5 = w0v.fma(FloatVector.fromArray(F, x, xo + 40), a5);
            a6 = w0v.fma(FloatVector.fromArray(F, x, xo + 48), a6);
            a7 = w0v.fma(FloatVector.fromArray(F, x, xo + 56), a7);
            a0 = w1.fma(FloatVector.fromArray(F, x, xo + 64), a0);
            a1 = w1.fma(FloatVector.fromArray(F, x, xo + 72), a1);
            a2 = w1.fma(FloatVector.fromArray(F, x, xo + 80), a2);
            a3 = w1.fma(FloatVector.fromArray(F, x, xo + 88), a3);
            a4 = w1.fma(FloatVector.fromArray(F, x, xo + 96), a4);
            a5 = w1.fma(FloatVector.fromArray(F, x, xo + 104), a5);
            a6 = w1.fma(FloatVector.fromArray(F, x, xo + 112), a6);
            a7 = w1.fma(FloatVector.fromArray(F, x, xo + 120), a7);
            a0 = w2.fma(FloatVector.fromArray(F, x, xo + 128), a0);
            a1 = w2.fma(FloatVector.fromArray(F, x, xo + 136), a1);
            a2 = w2.fma(FloatVector.fromArray(F, x, xo + 144), a2);
            a3 = w2.fma(FloatVector.fromArray(F, x, xo + 152), a3);
            a4 = w2.fma(FloatVector.fromArray(F, x, xo + 160), a4);
            a5 = w2.fma(FloatVector.fromArray(F, x, xo + 168), a5);
            a6 = w2.fma(FloatVector.fromArray(F, x, xo + 176), a6);
            a7 = w2.fma(FloatVector.fromArray(F, x, xo + 184), a7);
            a0 = w3.fma(FloatVector.fromArray(F, x, xo + 192), a0);
            a1 = w3.fma(FloatVector.fromArray(F, x, xo + 200), a1);
            a2 = w3.fma(FloatVector.fromArray(F, x, xo + 208), a2);
            a3 = w3.fma(FloatVector.fromArray(F, x, xo + 216), a3);
            a4 = w3.fma(FloatVector.fromArray(F, x, xo + 224), a4);
            a5 = w3.fma(FloatVector.fromArray(F, x, xo + 232), a5);
            a6 = w3.fma(FloatVector.fromArray(F, x, xo + 240), a6);
            a7 = w3.fma(FloatVector.fromArray(F, x, xo + 248), a7);
        }
        out[b * rows + r] = a0.reduceLanes(VectorOperators.ADD);
        out[(b + 1) * rows + r] = a1.reduceLanes(VectorOperators.ADD);
        out[(b + 2) * rows + r] = a2.reduceLanes(VectorOperators.ADD);
        out[(b + 3) * rows + r] = a3.reduceLanes(VectorOperators.ADD);
        out[(b + 4) * rows + r] = a4.reduceLanes(VectorOperators.ADD);
        out[(b + 5) * rows + r] = a5.reduceLanes(VectorOperators.ADD);
        out[(b + 6) * rows + r] = a6.reduceLanes(VectorOperators.ADD);
        out[(b + 7) * rows + r] = a7.reduceLanes(VectorOperators.ADD);
    }
}
