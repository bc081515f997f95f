package org.llmbench.engine.jvm;

import org.llmbench.quant.Fp16;
import org.llmbench.quant.Q4_0;
import org.llmbench.quant.Quant;
import org.llmbench.runtime.Parallel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.runtime.VectorWidth;

/**
 * int4 weights: llama.cpp's Q4_0 blocks (32 values, one fp16 scale; value = (q - 8) * d), repacked
 * when loaded (as llama.cpp repacks Q4_0 for its CPU kernels) so that one vector of SL shorts (the
 * hardware's width, {@link VectorWidth}: 16 at 256 bits) of nibbles holds one value of each of
 * GROUP = SL / 2 blocks, two lanes per block. The layout is derived from the width when the
 * weights are loaded. A row is padded to whole groups (8 blocks at 256 bits; none for the
 * registry's shapes; at most GROUP - 1 blocks a row otherwise) with zero scales; {@link #toQ4_0}
 * gives back the exact Q4_0 bytes.
 * <p>
 * Layout: group g of row r is 4 * SL shorts at (r * groups + g) * 4 * SL, SL per quarter u (0..3);
 * short lane l of quarter u holds in bits 4m .. 4m + 3 the nibble of vector t = 4u + m, where lane l
 * of vector t is value t + 16 * (l & 1) of the group's block l / 2 ({@link Int4Activations} orders
 * the activations the same way).
 * <p>
 * Batch 1 multiplies the nibbles (0..15) with the int8 activations in 16-bit lanes: 16 products of
 * a lane (|sum| <= 16 * 15 * 127) fit a short, so a group's 16 vectors are summed without widening,
 * and only then widened to the group's GROUP block sums, scaled and accumulated in fp32: about half the
 * instructions per block of a block-at-a-time kernel. The 8 every nibble carries is taken off
 * through each block's activation sum. Batch rows are taken in pairs, each weight vector unpacked
 * once for both: with 16-bit products a pair reads 2 bytes of activations per multiply-add, where a
 * float kernel reads 4 and is bound by L1 loads here (about one 32-byte load a cycle).
 */
public final class Int4Matrix extends Matrix {
    private static final VectorSpecies<Short> S = VectorWidth.SHORTS;
    private static final VectorSpecies<Integer> I = VectorWidth.INTS;
    private static final VectorSpecies<Float> F = VectorWidth.FLOATS;
    private static final int BLOCK = Q4_0.BLOCK, HALF = BLOCK / 2, GROUP = Int4Activations.GROUP, SL = 2 * GROUP, GROUP_SHORTS = 4 * SL;

    private final short[] q;     // rows * groups * GROUP_SHORTS, in the layout above
    private final short[] scale; // rows * groups * GROUP, fp16, zero past the row
    private final int blocksPerRow, groups;

    private Int4Matrix(int rows, int cols) {
        super(rows, cols);
        this.blocksPerRow = Q4_0.blocks(cols);
        this.groups = (blocksPerRow + GROUP - 1) / GROUP;
        long n = (long) rows * groups;
        if (n * GROUP_SHORTS > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(rows + "x" + cols + " is too large for one array");
        this.q = new short[(int) (n * GROUP_SHORTS) + Q8DotMatrix.HALF_PAD]; // padded for widenHalf's full-width load
        this.scale = new short[(int) (n * GROUP) + Q8DotMatrix.HALF_PAD]; // padded for halves' full-width load
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
                q[at + SL * u] = nibblesToShort(v);
                q[at + SL * u + 1] = nibblesToShort(v >>> 4);
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
        return (r * groups + k / GROUP) * GROUP_SHORTS + (e % HALF) / 4 * SL + Int4Activations.lane(k % GROUP, e);
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

    /** The depth in the GEMM's order: rows padded to whole groups, each group in the layout above. */
    @Override
    public int depth() {
        return groups * Int4Activations.GROUP_VALUES;
    }

    @Override
    public int depthStep() {
        return Int4Activations.GROUP_VALUES;
    }

    /** Depth position g * GROUP_VALUES + t * SL + l is value t + 16 * (l & 1) of block l / 2 of group g (padding: 0). */
    @Override
    public void dequantize(int r, int k0, int kc, float[] dst, int off) {
        final int gv = Int4Activations.GROUP_VALUES;
        float[] lanes = LANE_SCALES.get();
        for (int g = k0 / gv; g < (k0 + kc) / gv; g++) { // whole groups: the depth is whole groups
            int qg = (r * groups + g) * GROUP_SHORTS, sg = (r * groups + g) * GROUP, o = off + g * gv - k0;
            for (int l = 0; l < SL; l++) lanes[l] = Fp16.toFloat(scale[sg + l / 2]); // lane l holds values of block l / 2
            FloatVector d0 = FloatVector.fromArray(F, lanes, 0), d1 = FloatVector.fromArray(F, lanes, GROUP);
            for (int u = 0; u < 4; u++) {
                IntVector v0 = widenHalf(q, qg + u * SL), v1 = widenHalf(q, qg + u * SL + GROUP);
                for (int m = 0; m < 4; m++) { // vector t = 4u + m at o + t * SL: its first GROUP lanes from v0, the rest from v1
                    int at = o + (4 * u + m) * SL;
                    unpack(v0, 4 * m, d0).intoArray(dst, at);
                    unpack(v1, 4 * m, d1).intoArray(dst, at + GROUP);
                }
            }
        }
    }

    private static final ThreadLocal<float[]> LANE_SCALES = ThreadLocal.withInitial(() -> new float[SL]);
    /**
     * GROUP shorts at q[at ..], sign-extended to ints (each holds four nibbles in its low 16 bits):
     * a full-width load whose first half is widened. No half-width short vectors anywhere in this
     * class's kernels: with them in the GEMM path, C2 later compiled the decode kernel with boxed
     * vectors in most JVMs (int4 decode at half speed after a prefill; 2026-12-03).
     */
    private static IntVector widenHalf(short[] q, int at) {
        return (IntVector) ShortVector.fromArray(S, q, at).convert(VectorOperators.S2I, 0);
    }

    /** The nibble at bit shift of each lane, less 8, times d. */
    private static FloatVector unpack(IntVector v, int shift, FloatVector d) {
        return ((FloatVector) v.lanewise(VectorOperators.LSHR, shift).and(0x0F).sub(8).convert(VectorOperators.I2F, 0)).mul(d);
    }

    /** Rounded to Q8_0 blocks as the integer kernels round them, in the depth order above, dequantized. */
    @Override
    public float[] activations(float[] x, int m) {
        return Int4Activations.floats(Q8Activations.of(x, m, cols, true), m, cols, groups);
    }

    @Override
    protected void multiplyRows(Parallel pool, float[] x, float[] out, int batch) {
        Int4Activations a = quantized(x, batch);
        forRows(pool, batch, (r0, r1) -> multiply(a, out, batch, r0, r1));
    }

    @Override
    public void multiply(float[] x, float[] out, int batch, int r0, int r1) {
        multiply(quantized(x, batch), out, batch, r0, r1);
    }

    /** x quantized to int8 blocks as llama.cpp's Q4_0 dot product takes them, in this matrix's order. */
    private Int4Activations quantized(float[] x, int batch) {
        return Int4Activations.of(Q8Activations.of(x, batch, cols), batch, cols, groups);
    }

    private void multiply(Int4Activations a, float[] out, int batch, int r0, int r1) {
        final int span = groups * GROUP_SHORTS;
        short[] running = new short[2 * span];
        if (batch == 1) {
            rows1(a, out, 0, r0, r1, running);
            return;
        }
        final int perRow = groups * GROUP;
        float[] ws = new float[TILE * perRow];
        for (int t0 = r0; t0 < r1; t0 += TILE) { // each pair's activations (2 x 4 KB at 2048 columns) stay in L1 over a tile of rows
            int t1 = Math.min(t0 + TILE, r1);
            weightScales(scale, t0 * perRow, (t1 - t0) * perRow, ws);
            for (int b = 0; b < batch; b += 2) {
                int b1 = Math.min(b + 1, batch - 1); // an odd last row is paired with itself: rows1 here made C2 box
                for (int r = t0; r < t1; r++) {
                    rows2(a, b, b1, r, running);
                    groupSums2(running, span, ws, (r - t0) * perRow, a, b * perRow, b1 * perRow, groups, out, b * rows + r, b1 * rows + r);
                }
            }
        }
    }

    /**
     * Weight rows per tile in batch kernels: all pairs of batch rows go over one tile before the
     * next, so a pair's activations are read from L1, not, as when each weight row met all pairs,
     * from L2 (8 rows take 32 KB, all of L1, at 2048 columns). 16 rows, at batch 8 over row by row
     * (same JVM): x1.11-1.23 at 5632 x 2048, x1.17 at 32000 x 2048, x1.05-1.10 at 2048 x 5632 (a
     * whole decode: x1.01-1.27, median 1.05); 4 or 8 rows gained less, 64 no more.
     */
    private static final int TILE = 16;

    /** ws[0 .. n) = the fp16 scales at scale[s0 ..] as floats, a vector at a time (n is a multiple of GROUP, the float lanes). */
    private static void weightScales(short[] scale, int s0, int n, float[] ws) {
        for (int k = 0; k < n; k += GROUP) Q8DotMatrix.halves(scale, s0 + k).intoArray(ws, k);
    }

    // C2 (JDK 17) falls back to heap-allocated vectors, 4-10x slower, when it loses a vector's exact
    // class. What made it here: a kernel inlined into the thread pool's task or into another kernel;
    // both kernels hot in one multiplication; more than two loop-carried accumulators stored every
    // step (a kernel for 4 batch rows, which would unpack each weight vector once for 4); the fp16
    // scale conversion (128-bit vectors) parsed before a kernel's loop, or inlined into rows2 through
    // groupSums. Hence separate kernel methods, groupSums called after a loop or from here, and loops
    // whose indices are linear in their counter, so C2 hoists the range checks.

    /**
     * Output rows r0 .. r1 for batch row b, from running lane sums (running: groups * GROUP_SHORTS shorts): 16
     * products a lane per quarter group, modulo 2^16, stored every step (an unconditional store keeps
     * the loop simple): a group's own sums are the difference of two of them, which fits a short.
     */
    private void rows1(Int4Activations a, float[] out, int b, int r0, int r1, short[] running) {
        final short[] q = this.q, x = a.q, scale = this.scale;
        final int groups = this.groups, quarters = groups * 4, x0 = b * groups * Int4Activations.GROUP_VALUES;
        for (int r = r0; r < r1; r++) {
            final int w0 = r * groups * GROUP_SHORTS;
            ShortVector p0 = ShortVector.zero(S), p1 = p0;
            for (int i = 0; i < quarters; i++) { // vectors t = 4u .. 4u + 3 of a group
                IntVector v = ShortVector.fromArray(S, q, w0 + SL * i).reinterpretAsInts();
                int xi = x0 + 4 * SL * i;
                p0 = p0.add(nibbles(v, 0).mul(ShortVector.fromArray(S, x, xi)));
                p1 = p1.add(nibbles(v, 4).mul(ShortVector.fromArray(S, x, xi + SL)));
                p0 = p0.add(nibbles(v, 8).mul(ShortVector.fromArray(S, x, xi + 2 * SL)));
                p1 = p1.add(nibbles(v, 12).mul(ShortVector.fromArray(S, x, xi + 3 * SL)));
                p0.add(p1).intoArray(running, SL * i);
            }
            out[b * rows + r] = groupSums(running, scale, r * groups * GROUP, a.d, a.sums8, b * groups * GROUP, groups);
        }
    }

    /** As {@link #rows1} for output row r and batch rows b0 and b1 (running: 2 * groups * GROUP_SHORTS shorts), each weight vector unpacked once for both. */
    private void rows2(Int4Activations a, int b0, int b1, int r, short[] running) {
        final short[] q = this.q, x = a.q;
        final int quarters = groups * 4, n = groups * Int4Activations.GROUP_VALUES, x0 = b0 * n, x1 = b1 * n, w0 = r * groups * GROUP_SHORTS, span = groups * GROUP_SHORTS;
        ShortVector p0 = ShortVector.zero(S), p1 = p0;
        for (int i = 0; i < quarters; i++) {
            IntVector v = ShortVector.fromArray(S, q, w0 + SL * i).reinterpretAsInts();
            ShortVector n0 = nibbles(v, 0), n1 = nibbles(v, 4), n2 = nibbles(v, 8), n3 = nibbles(v, 12);
            int xi = x0 + 4 * SL * i, xj = x1 + 4 * SL * i;
            p0 = p0.add(n0.mul(ShortVector.fromArray(S, x, xi)).add(n1.mul(ShortVector.fromArray(S, x, xi + SL))))
                    .add(n2.mul(ShortVector.fromArray(S, x, xi + 2 * SL)).add(n3.mul(ShortVector.fromArray(S, x, xi + 3 * SL))));
            p1 = p1.add(n0.mul(ShortVector.fromArray(S, x, xj)).add(n1.mul(ShortVector.fromArray(S, x, xj + SL))))
                    .add(n2.mul(ShortVector.fromArray(S, x, xj + 2 * SL)).add(n3.mul(ShortVector.fromArray(S, x, xj + 3 * SL))));
            p0.intoArray(running, SL * i);
            p1.intoArray(running, span + SL * i);
        }
    }

    /** Nibble shift / 4 of each short, shifted as ints (an immediate shift on x86) and masked per short. */
    private static ShortVector nibbles(IntVector v, int shift) {
        return v.lanewise(VectorOperators.LSHR, shift).and(0x000F_000F).reinterpretAsShorts();
    }

    /**
     * A row's dot product from its running lane sums: per group, its GROUP block sums (less 8 times the
     * activations' sums) times the weights' fp16 scales at scale[s0 ..] and the activations' scales.
     */
    private static float groupSums(short[] running, short[] scale, int s0, float[] xd, int[] sums8, int a0, int groups) {
        FloatVector acc = FloatVector.zero(F);
        ShortVector before = ShortVector.zero(S);
        for (int g = 0; g < groups; g++) {
            ShortVector now = ShortVector.fromArray(S, running, GROUP_SHORTS * g + 3 * SL);
            IntVector sums = blockSums(now, before, sums8, a0 + GROUP * g);
            before = now;
            FloatVector c = Q8DotMatrix.halves(scale, s0 + GROUP * g).mul(FloatVector.fromArray(F, xd, a0 + GROUP * g));
            acc = ((FloatVector) sums.convert(VectorOperators.I2F, 0)).fma(c, acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** {@link #groupSums} for two batch rows (activations at a0 and a1, running sums at 0 and span), the weight scales already floats at ws[s0 ..]. */
    private static void groupSums2(short[] running, int span, float[] ws, int s0, Int4Activations a, int a0, int a1, int groups, float[] out, int o0, int o1) {
        final float[] xd = a.d;
        final int[] sums8 = a.sums8;
        FloatVector acc0 = FloatVector.zero(F), acc1 = acc0;
        ShortVector before0 = ShortVector.zero(S), before1 = before0;
        for (int g = 0; g < groups; g++) {
            FloatVector w = FloatVector.fromArray(F, ws, s0 + GROUP * g);
            ShortVector now0 = ShortVector.fromArray(S, running, GROUP_SHORTS * g + 3 * SL), now1 = ShortVector.fromArray(S, running, span + GROUP_SHORTS * g + 3 * SL);
            IntVector sums0 = blockSums(now0, before0, sums8, a0 + GROUP * g), sums1 = blockSums(now1, before1, sums8, a1 + GROUP * g);
            before0 = now0;
            before1 = now1;
            acc0 = ((FloatVector) sums0.convert(VectorOperators.I2F, 0)).fma(w.mul(FloatVector.fromArray(F, xd, a0 + GROUP * g)), acc0);
            acc1 = ((FloatVector) sums1.convert(VectorOperators.I2F, 0)).fma(w.mul(FloatVector.fromArray(F, xd, a1 + GROUP * g)), acc1);
        }
        out[o0] = acc0.reduceLanes(VectorOperators.ADD);
        out[o1] = acc1.reduceLanes(VectorOperators.ADD);
    }

    /** A group's SL lane sums (now less before, modulo 2^16) widened to its GROUP blocks' sums (two lanes each), less sums8[at ..]. */
    private static IntVector blockSums(ShortVector now, ShortVector before, int[] sums8, int at) {
        IntVector pairs = now.sub(before).reinterpretAsInts();
        return pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16).add(pairs.lanewise(VectorOperators.ASHR, 16))
                .sub(IntVector.fromArray(I, sums8, at));
    }
}
