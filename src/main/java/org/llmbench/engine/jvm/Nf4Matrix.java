package org.llmbench.engine.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.quant.LittleEndian;
import org.llmbench.quant.Nf4;
import org.llmbench.quant.Quant;

/**
 * 4-bit NormalFloat weights in bitsandbytes' blocks of 64 (fp32 absmax + 32 bytes of codebook
 * indices), held as indices in one byte[] and absmax values in one float[]. A codebook lookup has
 * no fast vector form on AVX2 through the Vector API (selectFrom was measured 3-5x slower), so
 * each block is decoded into a 64-float scratch through a 256-entry table of index pairs, and the
 * scratch is then multiplied with every batch row with vector FMAs: one block in cache at a time.
 */
public final class Nf4Matrix extends Matrix {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final int BLOCK = Nf4.BLOCK, HALF = BLOCK / 2;
    /** For each packed byte: the codebook values of its even (high nibble) and odd (low nibble) element. */
    private static final float[] EVEN = new float[256], ODD = new float[256];

    static {
        for (int p = 0; p < 256; p++) {
            EVEN[p] = Nf4.CODEBOOK[p >> 4];
            ODD[p] = Nf4.CODEBOOK[p & 0x0F];
        }
    }

    private final byte[] q;       // rows * blocksPerRow * 32
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
                System.arraycopy(row, o + 4, m.q, s * HALF, HALF);
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

    /** Block s dequantized into dst[0 .. 64). */
    private void decode(int s, float[] dst) {
        float a = absmax[s];
        int o = s * HALF;
        for (int j = 0; j < HALF; j++) {
            int p = q[o + j] & 0xFF;
            dst[2 * j] = EVEN[p] * a;
            dst[2 * j + 1] = ODD[p] * a;
        }
    }

    @Override
    public void row(int r, float[] dst, int off) {
        float[] block = new float[BLOCK];
        for (int k = 0; k < blocksPerRow; k++) {
            decode(r * blocksPerRow + k, block);
            System.arraycopy(block, 0, dst, off + k * BLOCK, Math.min(BLOCK, cols - k * BLOCK));
        }
    }

    @Override
    public void multiply(float[] x, float[] out, int batch, int r0, int r1) {
        final int n = cols, full = n / BLOCK, len = F.length();
        final float[] wb = new float[BLOCK]; // the one decoded block (per call: no state shared between threads)
        for (int r = r0; r < r1; r++) {
            final int s0 = r * blocksPerRow;
            for (int b0 = 0; b0 < batch; b0 += 4) {
                int nb = Math.min(4, batch - b0);
                int x0 = b0 * n, x1 = x0 + (nb > 1 ? n : 0), x2 = x0 + (nb > 2 ? 2 * n : 0), x3 = x0 + (nb > 3 ? 3 * n : 0);
                FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
                for (int k = 0; k < full; k++) {
                    decode(s0 + k, wb);
                    int xo = k * BLOCK;
                    for (int j = 0; j < BLOCK; j += len) {
                        FloatVector wv = FloatVector.fromArray(F, wb, j);
                        a0 = wv.fma(FloatVector.fromArray(F, x, x0 + xo + j), a0);
                        a1 = wv.fma(FloatVector.fromArray(F, x, x1 + xo + j), a1);
                        a2 = wv.fma(FloatVector.fromArray(F, x, x2 + xo + j), a2);
                        a3 = wv.fma(FloatVector.fromArray(F, x, x3 + xo + j), a3);
                    }
                }
                // rows past the batch alias row b0 (x1..x3 = x0): computed, then not stored
                float t0 = tail(s0, wb, x, x0), t1 = tail(s0, wb, x, x1), t2 = tail(s0, wb, x, x2), t3 = tail(s0, wb, x, x3);
                out[b0 * rows + r] = a0.reduceLanes(VectorOperators.ADD) + t0;
                if (nb > 1) out[(b0 + 1) * rows + r] = a1.reduceLanes(VectorOperators.ADD) + t1;
                if (nb > 2) out[(b0 + 2) * rows + r] = a2.reduceLanes(VectorOperators.ADD) + t2;
                if (nb > 3) out[(b0 + 3) * rows + r] = a3.reduceLanes(VectorOperators.ADD) + t3;
            }
        }
    }

    /** The partial last block of the row starting at block s0, against x[xo ..]. */
    private float tail(int s0, float[] wb, float[] x, int xo) {
        int k = cols / BLOCK;
        if (k == blocksPerRow) return 0f;
        decode(s0 + k, wb);
        float sum = 0;
        for (int j = 0; j < cols - k * BLOCK; j++) sum += wb[j] * x[xo + k * BLOCK + j];
        return sum;
    }
}
