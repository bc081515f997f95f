package org.llmbench.engine.jvm;

import org.llmbench.LlmbenchException;
import org.llmbench.quant.*;
import org.llmbench.runtime.Parallel;
import org.llmbench.weights.FloatTensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Every quant's kernel against a scalar reference: the codec's dequantized values, a double-precision dot product. */
class QuantKernelTest {
    // 600: int4 groups (4, 8 or 16 blocks by vector width), the last partial; 1024: whole groups at every width;
    // 37 rows: fp32 panels (8, 16 or 32 rows) with a partial last one
    private static final int[][] SHAPES = {{7, 33}, {5, 100}, {3, 65}, {4, 64}, {9, 256}, {6, 31}, {2, 1}, {3, 8}, {17, 96}, {5, 600}, {3, 1024}, {37, 70}};
    private static final int[] BATCHES = {1, 2, 3, 4, 5, 8, 9, 13}; // 13 = 8 + 4 + 1: every kernel path

    @ParameterizedTest
    @EnumSource(Quant.class)
    void kernelMatchesScalarReference(Quant quant) {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int[] shape : SHAPES) {
            int rows = shape[0], cols = shape[1];
            float[] w = gaussian(rnd, rows * cols, 0.05);
            Matrix m = Matrices.of(new FloatTensor("t", rows, cols, w), quant);
            assertEquals(quant, m.quant());
            assertEquals(quant.bytes(rows, cols), m.bytes(), "bytes of " + rows + "x" + cols);
            float[] ref = reference(quant, w, rows, cols);
            float[] row = new float[cols + 3];
            for (int r = 0; r < rows; r++) {
                m.row(r, row, 3);
                for (int j = 0; j < cols; j++) assertEquals(ref[r * cols + j], row[3 + j], 1e-7, quant + " row " + r + " col " + j);
            }
            for (int batch : BATCHES) {
                float[] x = gaussian(rnd, batch * cols, 1.0);
                float[] out = new float[batch * rows];
                Arrays.fill(out, Float.NaN);
                m.multiply(x, out, batch, 0, rows);
                check(quant, ref, x, out, rows, cols, batch, 0, rows);
                if (rows > 2) { // a sub-range writes only its rows
                    float[] part = new float[batch * rows];
                    m.multiply(x, part, batch, 1, rows - 1);
                    check(quant, ref, x, part, rows, cols, batch, 1, rows - 1);
                    for (int b = 0; b < batch; b++) assertEquals(0f, part[b * rows]);
                }
            }
        }
    }

    /** Prefill's path: the blocked GEMM, many activation rows at once, against the same reference and the direct kernels. */
    @ParameterizedTest
    @EnumSource(Quant.class)
    void gemmMatchesScalarReference(Quant quant) {
        SplittableRandom rnd = new SplittableRandom(13);
        // 131 rows: two whole tasks of 64 rows and a partial sliver; 1100 columns: several depth blocks, partial int4 group
        int[][] shapes = {{131, 1100}, {5, 33}, {70, 600}, {9, 64}};
        try (Parallel pool = new Parallel(2)) {
            for (int[] shape : shapes) {
                int rows = shape[0], cols = shape[1];
                float[] w = gaussian(rnd, rows * cols, 0.05);
                Matrix m = Matrices.of(new FloatTensor("t", rows, cols, w), quant);
                float[] ref = reference(quant, w, rows, cols);
                for (int batch : new int[]{1, 5, 13, 49, Matrix.GEMM_ROWS}) { // slivers of 6 rows with tails; the last through multiply's dispatch
                    float[] x = gaussian(rnd, batch * cols, 1.0);
                    float[] out = new float[batch * rows], direct = new float[batch * rows];
                    Arrays.fill(out, Float.NaN);
                    if (batch == Matrix.GEMM_ROWS) {
                        m.multiply(pool, x, out, batch);
                    } else {
                        org.llmbench.gemm.WeightGemm.multiply(pool, m, x, batch, out);
                    }
                    check(quant, ref, x, out, rows, cols, batch, 0, rows);
                    m.multiply(x, direct, batch, 0, rows);
                    for (int i = 0; i < out.length; i++) assertEquals(direct[i], out[i], 1e-4 * (1 + Math.abs(direct[i])), quant + " gemm vs kernels " + rows + "x" + cols + " at " + i);
                }
            }
        }
    }

    private static void check(Quant quant, float[] ref, float[] x, float[] out, int rows, int cols, int batch, int r0, int r1) {
        for (int b = 0; b < batch; b++) {
            float[] xr = switch (quant) {
                case DYNAMIC -> quantizedActivations(x, b * cols, cols);
                case INT8, INT4 -> blockQuantizedActivations(x, b * cols, cols); // as llama.cpp, activations in Q8_0 blocks
                default -> Arrays.copyOfRange(x, b * cols, b * cols + cols);
            };
            for (int r = r0; r < r1; r++) {
                double dot = 0, mag = 0;
                for (int j = 0; j < cols; j++) {
                    dot += (double) ref[r * cols + j] * xr[j];
                    mag += Math.abs((double) ref[r * cols + j] * xr[j]);
                }
                assertEquals(dot, out[b * rows + r], 2e-6 * mag + 1e-7, quant + " " + rows + "x" + cols + " batch " + batch + " row " + r + " b " + b);
            }
        }
    }

    /** The dequantized weights as the codec (not the kernel class) computes them. */
    static float[] reference(Quant quant, float[] w, int rows, int cols) {
        float[] ref = new float[w.length];
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            switch (quant) {
                case FP32 -> System.arraycopy(w, o, ref, o, cols);
                case FP16 -> { for (int j = 0; j < cols; j++) ref[o + j] = Fp16.toFloat(Fp16.fromFloat(w[o + j])); }
                case BF16 -> { for (int j = 0; j < cols; j++) ref[o + j] = Bf16.toFloat(Bf16.fromFloat(w[o + j])); }
                case INT8 -> { byte[] b = new byte[Q8_0.bytes(cols)]; Q8_0.encode(w, o, cols, b, 0); Q8_0.decode(b, 0, cols, ref, o); }
                case INT4 -> { byte[] b = new byte[Q4_0.bytes(cols)]; Q4_0.encode(w, o, cols, b, 0); Q4_0.decode(b, 0, cols, ref, o); }
                case NF4 -> { byte[] b = new byte[Nf4.bytes(cols)]; Nf4.encode(w, o, cols, b, 0); Nf4.decode(b, 0, cols, ref, o); }
                case DYNAMIC -> {
                    float[] q = quantizedActivations(w, o, cols); // same symmetric per-row int8 rule as the activations
                    System.arraycopy(q, 0, ref, o, cols);
                }
            }
        }
        return ref;
    }

    /** Per-row symmetric int8: q = round(x / d), d = absmax / 127, as value q * d. */
    static float[] quantizedActivations(float[] x, int off, int n) {
        float amax = 0;
        for (int j = 0; j < n; j++) amax = Math.max(amax, Math.abs(x[off + j]));
        float d = amax / 127f, id = d != 0 ? 1f / d : 0f;
        float[] v = new float[n];
        for (int j = 0; j < n; j++) v[j] = (float) (Math.signum(x[off + j] * id) * Math.floor(Math.abs((double) (x[off + j] * id)) + 0.5)) * d;
        return v;
    }

    /** The same rule per block of 32 values (the last block may be shorter). */
    static float[] blockQuantizedActivations(float[] x, int off, int n) {
        float[] v = new float[n];
        for (int k = 0; k < n; k += 32) {
            int len = Math.min(32, n - k);
            System.arraycopy(quantizedActivations(x, off + k, len), 0, v, k, len);
        }
        return v;
    }

    private static float[] gaussian(SplittableRandom rnd, int n, double sd) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble(), u2 = rnd.nextDouble();
            v[i] = (float) (Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * u2) * sd);
        }
        return v;
    }

    @Test
    void ggufBlockBytesRoundTripWithoutRequantizing() {
        SplittableRandom rnd = new SplittableRandom(5);
        int rows = 3, cols = 70; // a partial last block per row
        float[] w = gaussian(rnd, rows * cols, 0.1);
        byte[] q8 = new byte[rows * Q8_0.bytes(cols)];
        byte[] q4 = new byte[rows * Q4_0.bytes(cols)];
        for (int r = 0; r < rows; r++) {
            Q8_0.encode(w, r * cols, cols, q8, r * Q8_0.bytes(cols));
            Q4_0.encode(w, r * cols, cols, q4, r * Q4_0.bytes(cols));
        }
        assertArrayEquals(q8, Int8Matrix.fromQ8_0(q8, rows, cols).toQ8_0());
        assertArrayEquals(q4, Int4Matrix.fromQ4_0(q4, rows, cols).toQ4_0());
        assertArrayEquals(q8, Int8Matrix.quantize(w, rows, cols).toQ8_0());
        assertArrayEquals(q4, Int4Matrix.quantize(w, rows, cols).toQ4_0());
        assertThrows(IllegalArgumentException.class, () -> Int8Matrix.fromQ8_0(new byte[10], rows, cols));
    }

    @Test
    void poolSplitGivesTheSameResultAsOneCall() {
        SplittableRandom rnd = new SplittableRandom(9);
        int rows = 300, cols = 96, batch = 8;
        float[] w = gaussian(rnd, rows * cols, 0.05), x = gaussian(rnd, batch * cols, 1);
        try (Parallel pool = new Parallel(2)) {
            for (Quant quant : Quant.values()) {
                Matrix m = Matrices.of(new FloatTensor("t", rows, cols, w), quant);
                float[] one = new float[batch * rows], split = new float[batch * rows];
                m.multiply(x, one, batch, 0, rows);
                m.multiply(pool, x, split, batch);
                assertArrayEquals(one, split, quant.id());
            }
        }
    }

    @Test
    void fp16RefusesValuesItCannotHold() {
        LlmbenchException e = assertThrows(LlmbenchException.class,
                () -> Matrices.of(new FloatTensor("blk.0.ffn_up.weight", 1, 2, new float[]{1f, 1e6f}), Quant.FP16));
        assertTrue(e.getMessage().contains("blk.0.ffn_up.weight") && e.getMessage().contains("bf16"), e.getMessage());
    }

    @Test
    void badQuantNameIsOneClearSentence() {
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> Quant.parse("int3"));
        assertEquals("Unknown quant 'int3'; valid quants are fp32, fp16, bf16, int8, int4, nf4, dynamic.", e.getMessage());
    }
}
