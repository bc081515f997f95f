package org.llmbench.engine.jvm;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.runtime.VectorWidth;
import org.llmbench.quant.LittleEndian;
import org.llmbench.quant.Nf4;
import org.llmbench.quant.Quant;

/**
 * 4-bit NormalFloat weights in bitsandbytes' blocks of 64 (one fp32 absmax per block), held as
 * absmax values in one float[] and codebook indices in one byte[], repacked for the kernel: with L
 * floats per vector (8 at 256 bits, from {@link VectorWidth}), in each group of 2L values byte j
 * holds value j in its low nibble and value j + L in its high nibble, so L bytes give two runs of L
 * consecutive values. The codebook lookup is 16 / L permutes of L entries (selectFrom) and blends.
 */
public final class Nf4Matrix extends Matrix {
    private static final VectorSpecies<Byte> B = VectorWidth.QUARTER_BYTES;
    private static final VectorSpecies<Integer> I = VectorWidth.INTS;
    private static final VectorSpecies<Float> F = VectorWidth.FLOATS;
    private static final int L = VectorWidth.LANES, GROUP = 2 * L, BLOCK = Nf4.BLOCK, HALF = BLOCK / 2;
    /** The codebook in 16 / L tables of L entries (unused ones repeat the first). */
    private static final int TABLES = 16 / L;
    private static final IntVector CODES0 = codes(0), CODES1 = codes(1), CODES2 = codes(2), CODES3 = codes(3);

    private final byte[] q;       // rows * blocksPerRow * 32, kernel order
    private final float[] absmax; // rows * blocksPerRow
    private final int blocksPerRow;

    private Nf4Matrix(int rows, int cols) {
        super(rows, cols);
        this.blocksPerRow = Nf4.blocks(cols);
        long n = (long) rows * blocksPerRow;
        if (n * HALF > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(rows + "x" + cols + " is too large for one array");
        this.q = new byte[(int) (n * HALF) + VectorWidth.BYTE_PAD];
        this.absmax = new float[(int) n];
    }

    public static Nf4Matrix quantize(float[] w, int rows, int cols) {
        Int8Matrix.checkLength(w.length, rows, cols);
        Nf4Matrix m = new Nf4Matrix(rows, cols);
        byte[] row = new byte[Nf4.bytes(cols)];
        for (int r = 0; r < rows; r++) {
            Nf4.encode(w, r * cols, cols, row, 0);
            for (int k = 0; k < m.blocksPerRow; k++) {
                int o = k * Nf4.BLOCK_BYTES, s = r * m.blocksPerRow + k;
                m.absmax[s] = LittleEndian.getFloat(row, o);
                for (int e = 0; e < BLOCK; e++) { // bitsandbytes order (even element high) -> kernel order
                    int packed = row[o + 4 + e / 2];
                    int idx = (e & 1) == 0 ? (packed >> 4) & 0x0F : packed & 0x0F;
                    m.q[at(s, e)] |= (byte) (low(e) ? idx : idx << 4);
                }
            }
        }
        return m;
    }

    @Override
    public Quant quant() {
        return Quant.NF4;
    }

    @Override
    public long bytes() {
        return Quant.NF4.bytes(rows, cols);
    }

    @Override
    public int depthStep() {
        return BLOCK;
    }

    @Override
    public void dequantize(int r, int k0, int kc, float[] dst, int off) {
        final int s0 = r * blocksPerRow + k0 / BLOCK, whole = kc / BLOCK; // k0 is a whole block
        for (int k = 0; k < whole; k++) {
            FloatVector d = FloatVector.broadcast(F, absmax[s0 + k]);
            for (int g = 0; g < HALF; g += L) { // L bytes: values 2g .. 2g + L - 1 low, the next L high
                IntVector v = widen(q, (s0 + k) * HALF + g);
                int o = off + k * BLOCK + 2 * g;
                lookup(v.and(0x0F), d).intoArray(dst, o);
                lookup(v.lanewise(VectorOperators.ASHR, 4).and(0x0F), d).intoArray(dst, o + L);
            }
        }
        for (int e = 0; e < kc - whole * BLOCK; e++) { // a row's partial last block
            int s = s0 + whole;
            dst[off + whole * BLOCK + e] = Nf4.CODEBOOK[index(s, e)] * absmax[s];
        }
    }

    /** The byte holding value e of block s. */
    private static int at(int s, int e) {
        return s * HALF + (e / GROUP) * L + (e % L);
    }

    /** Whether value e is in its byte's low nibble. */
    private static boolean low(int e) {
        return (e % GROUP) < L;
    }

    private int index(int s, int e) {
        int b = q[at(s, e)];
        return low(e) ? b & 0x0F : (b >> 4) & 0x0F;
    }

    private static IntVector codes(int table) {
        return FloatVector.fromArray(F, Nf4.CODEBOOK, table < TABLES ? table * L : 0).reinterpretAsInts();
    }

    @Override
    public void row(int r, float[] dst, int off) {
        for (int k = 0; k < blocksPerRow; k++) {
            int s = r * blocksPerRow + k, len = Math.min(BLOCK, cols - k * BLOCK);
            for (int e = 0; e < len; e++) dst[off + k * BLOCK + e] = Nf4.CODEBOOK[index(s, e)] * absmax[s];
        }
    }

    /** The codebook values of L indices (0..15), scaled. TABLES is a constant: C2 compiles one branch. */
    private static FloatVector lookup(IntVector idx, FloatVector scale) {
        if (TABLES == 1) return idx.selectFrom(CODES0).reinterpretAsFloats().mul(scale);
        IntVector low = idx.and(L - 1);
        IntVector v = low.selectFrom(CODES0).blend(low.selectFrom(CODES1), idx.compare(VectorOperators.GE, L));
        if (TABLES == 4) {
            v = v.blend(low.selectFrom(CODES2), idx.compare(VectorOperators.GE, 2 * L)).blend(low.selectFrom(CODES3), idx.compare(VectorOperators.GE, 3 * L));
        }
        return v.reinterpretAsFloats().mul(scale);
    }

    private static IntVector widen(byte[] q, int at) {
        return (IntVector) ByteVector.fromArray(B, q, at).convertShape(VectorOperators.B2I, I, 0);
    }

    @Override
    public void multiply(float[] x, float[] out, int batch, int r0, int r1) {
        if (batch < 4) {
            for (int b = 0; b < batch; b++) rows1(x, out, b, r0, r1);
            return;
        }
        for (int r = r0; r < r1; r++) {
            int b = 0;
            for (; b + 4 <= batch; b += 4) dot4(x, out, r, b);
            for (; b < batch; b++) rows1(x, out, b, r, r + 1);
        }
    }

    // The batch-1 loop and the four-row loop are separate methods kept above C2's FreqInlineSize
    // (325 bytecodes, padded with scalar code) so each is compiled as its own root: inlined into the
    // pool's task, or unrolled further, their vector operations met C2's inlining limits and fell back
    // to heap-allocated vectors (10x slower, measured on JDK 17 and 25).

    /** Output rows r0 .. r1 for batch row b. */
    private void rows1(float[] x, float[] out, int b, int r0, int r1) {
        final int n = cols, full = n / BLOCK, x0 = b * n;
        for (int r = r0; r < r1; r++) {
            final int s0 = r * blocksPerRow;
            FloatVector a0 = FloatVector.zero(F), a1 = a0;
            for (int k = 0; k < full; k++) {
                FloatVector d = FloatVector.broadcast(F, absmax[s0 + k]);
                for (int g = 0; g < HALF; g += L) {
                    IntVector v = widen(q, (s0 + k) * HALF + g);
                    int xo = x0 + k * BLOCK + 2 * g;
                    a0 = lookup(v.and(0x0F), d).fma(FloatVector.fromArray(F, x, xo), a0);
                    a1 = lookup(v.lanewise(VectorOperators.ASHR, 4).and(0x0F), d).fma(FloatVector.fromArray(F, x, xo + L), a1);
                }
            }
            float sum = a0.add(a1).reduceLanes(VectorOperators.ADD);
            if (full < blocksPerRow) { // the partial last block, scalar (written out here: see the note above)
                int s = s0 + full;
                float t = 0;
                for (int e = 0; e < n - full * BLOCK; e++) {
                    int at = s * HALF + (e / GROUP) * L + (e % L);
                    int idx = (e % GROUP) < L ? q[at] & 0x0F : (q[at] >> 4) & 0x0F;
                    t += Nf4.CODEBOOK[idx] * x[x0 + full * BLOCK + e];
                }
                sum += t * absmax[s];
            }
            out[b * rows + r] = sum;
        }
    }

    private void dot4(float[] x, float[] out, int r, int b) {
        final int n = cols, full = n / BLOCK, s0 = r * blocksPerRow;
        int x0 = b * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
        for (int k = 0; k < full; k++) {
            FloatVector d = FloatVector.broadcast(F, absmax[s0 + k]);
            for (int g = 0; g < HALF; g += L) { // L bytes = 2L values
                IntVector v = widen(q, (s0 + k) * HALF + g);
                FloatVector lo = lookup(v.and(0x0F), d), hi = lookup(v.lanewise(VectorOperators.ASHR, 4).and(0x0F), d);
                int xo = k * BLOCK + 2 * g;
                a0 = hi.fma(FloatVector.fromArray(F, x, x0 + xo + L), lo.fma(FloatVector.fromArray(F, x, x0 + xo), a0));
                a1 = hi.fma(FloatVector.fromArray(F, x, x1 + xo + L), lo.fma(FloatVector.fromArray(F, x, x1 + xo), a1));
                a2 = hi.fma(FloatVector.fromArray(F, x, x2 + xo + L), lo.fma(FloatVector.fromArray(F, x, x2 + xo), a2));
                a3 = hi.fma(FloatVector.fromArray(F, x, x3 + xo + L), lo.fma(FloatVector.fromArray(F, x, x3 + xo), a3));
            }
        }
        out[b * rows + r] = a0.reduceLanes(VectorOperators.ADD) + tail(r, x, x0);
        out[(b + 1) * rows + r] = a1.reduceLanes(VectorOperators.ADD) + tail(r, x, x1);
        out[(b + 2) * rows + r] = a2.reduceLanes(VectorOperators.ADD) + tail(r, x, x2);
        out[(b + 3) * rows + r] = a3.reduceLanes(VectorOperators.ADD) + tail(r, x, x3);
    }

    /** The partial last block of row r against x[xo ..], scalar. */
    private float tail(int r, float[] x, int xo) {
        int k = cols / BLOCK;
        if (k == blocksPerRow) return 0f;
        int s = r * blocksPerRow + k;
        float sum = 0;
        for (int e = 0; e < cols - k * BLOCK; e++) sum += Nf4.CODEBOOK[index(s, e)] * x[xo + k * BLOCK + e];
        return sum * absmax[s];
    }
}
