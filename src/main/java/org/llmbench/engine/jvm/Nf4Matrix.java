package org.llmbench.engine.jvm;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.quant.LittleEndian;
import org.llmbench.quant.Nf4;
import org.llmbench.quant.Quant;

/**
 * 4-bit NormalFloat weights in bitsandbytes' blocks of 64 (one fp32 absmax per block), held as
 * absmax values in one float[] and codebook indices in one byte[], repacked for the kernel: in each
 * group of 16 values, byte j holds value j in its low nibble and value j + 8 in its high nibble, so
 * 8 bytes give two runs of 8 consecutive values. The codebook lookup is two 8-entry permutes
 * (selectFrom) and a blend.
 */
public final class Nf4Matrix extends Matrix {
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final int BLOCK = Nf4.BLOCK, HALF = BLOCK / 2;
    private static final IntVector LOW_CODES = FloatVector.fromArray(F, Nf4.CODEBOOK, 0).reinterpretAsInts();
    private static final IntVector HIGH_CODES = FloatVector.fromArray(F, Nf4.CODEBOOK, 8).reinterpretAsInts();

    private final byte[] q;       // rows * blocksPerRow * 32, kernel order
    private final float[] absmax; // rows * blocksPerRow
    private final int blocksPerRow;

    private Nf4Matrix(int rows, int cols) {
        super(rows, cols);
        this.blocksPerRow = Nf4.blocks(cols);
        long n = (long) rows * blocksPerRow;
        if (n * HALF > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(rows + "x" + cols + " is too large for one array");
        this.q = new byte[(int) (n * HALF)];
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
                    int at = s * HALF + (e / 16) * 8 + (e % 8);
                    m.q[at] |= (byte) ((e % 16) < 8 ? idx : idx << 4);
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

    private int index(int s, int e) {
        int b = q[s * HALF + (e / 16) * 8 + (e % 8)];
        return (e % 16) < 8 ? b & 0x0F : (b >> 4) & 0x0F;
    }

    @Override
    public void row(int r, float[] dst, int off) {
        for (int k = 0; k < blocksPerRow; k++) {
            int s = r * blocksPerRow + k, len = Math.min(BLOCK, cols - k * BLOCK);
            for (int e = 0; e < len; e++) dst[off + k * BLOCK + e] = Nf4.CODEBOOK[index(s, e)] * absmax[s];
        }
    }

    /** The codebook values of 8 indices (0..15), scaled. */
    private static FloatVector lookup(IntVector idx, FloatVector scale) {
        IntVector low = idx.and(7);
        IntVector v = low.selectFrom(LOW_CODES).blend(low.selectFrom(HIGH_CODES), idx.compare(VectorOperators.GT, 7));
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
                for (int g = 0; g < HALF; g += 8) {
                    IntVector v = widen(q, (s0 + k) * HALF + g);
                    int xo = x0 + k * BLOCK + 2 * g;
                    a0 = lookup(v.and(0x0F), d).fma(FloatVector.fromArray(F, x, xo), a0);
                    a1 = lookup(v.lanewise(VectorOperators.ASHR, 4).and(0x0F), d).fma(FloatVector.fromArray(F, x, xo + 8), a1);
                }
            }
            float sum = a0.add(a1).reduceLanes(VectorOperators.ADD);
            if (full < blocksPerRow) { // the partial last block, scalar (written out here: see the note above)
                int s = s0 + full;
                float t = 0;
                for (int e = 0; e < n - full * BLOCK; e++) {
                    int at = s * HALF + (e / 16) * 8 + (e % 8);
                    int idx = (e % 16) < 8 ? q[at] & 0x0F : (q[at] >> 4) & 0x0F;
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
            for (int g = 0; g < HALF; g += 8) { // 8 bytes = 16 values
                IntVector v = widen(q, (s0 + k) * HALF + g);
                FloatVector lo = lookup(v.and(0x0F), d), hi = lookup(v.lanewise(VectorOperators.ASHR, 4).and(0x0F), d);
                int xo = k * BLOCK + 2 * g;
                a0 = hi.fma(FloatVector.fromArray(F, x, x0 + xo + 8), lo.fma(FloatVector.fromArray(F, x, x0 + xo), a0));
                a1 = hi.fma(FloatVector.fromArray(F, x, x1 + xo + 8), lo.fma(FloatVector.fromArray(F, x, x1 + xo), a1));
                a2 = hi.fma(FloatVector.fromArray(F, x, x2 + xo + 8), lo.fma(FloatVector.fromArray(F, x, x2 + xo), a2));
                a3 = hi.fma(FloatVector.fromArray(F, x, x3 + xo + 8), lo.fma(FloatVector.fromArray(F, x, x3 + xo), a3));
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
