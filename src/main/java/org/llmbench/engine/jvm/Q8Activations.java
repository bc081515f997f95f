package org.llmbench.engine.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.runtime.VectorWidth;
import org.llmbench.quant.Q8_0;

/**
 * Activation rows quantized as llama.cpp quantizes them for its Q8_0 and Q4_0 dot products: blocks
 * of 32 values, q = round(x / d) with d = absmax / 127 (kept in fp32 here, not rounded to fp16).
 * The int8 values are held widened to shorts, ready for 16-bit products, and dequantized to floats
 * for the batched kernels, where converting a weight block to floats once for four batch rows costs
 * less than four integer dot products: the same quantized operands, summed in another order.
 */
final class Q8Activations {
    private static final int BLOCK = Q8_0.BLOCK;
    private static final VectorSpecies<Float> F = VectorWidth.FLOATS;
    /** Full-width shorts (2L): round stores its L values through their first half (see Q8DotMatrix.S16 for why no half-width shorts). */
    private static final int SHORT_PAD = VectorWidth.SHORTS.length() - VectorWidth.LANES;
    private static final int L = VectorWidth.LANES;

    /** Each thread's buffers, grown on demand: prefill would otherwise allocate megabytes per multiplication. */
    private static final ThreadLocal<Q8Activations> BUFFERS = ThreadLocal.withInitial(Q8Activations::new);

    short[] q = new short[0]; // batch * cols used
    float[] d = new float[0]; // batch * blocks used
    float[] sums = new float[0]; // batch * blocks used: each block's sum of q (int4 weights subtract 8 through it)
    float[] x = new float[0]; // q * d of the full blocks, for the kernels' float path at batch >= 4: see xAt
    int blocks;               // per row

    private Q8Activations() {
    }

    /**
     * x quantized into this thread's buffers, valid until this thread quantizes again (a
     * multiplication reads them, from any thread, before it returns).
     */
    static Q8Activations of(float[] x, int batch, int cols) {
        return of(x, batch, cols, false);
    }

    /**
     * As {@link #of(float[], int, int)}; with rowMajor, {@link #x} holds every value (partial blocks
     * too) row by row, batch x cols, as the blocked GEMM takes its activations.
     */
    static Q8Activations of(float[] x, int batch, int cols, boolean rowMajor) {
        Q8Activations a = BUFFERS.get();
        a.blocks = Q8_0.blocks(cols);
        if (a.q.length < batch * cols + SHORT_PAD) {
            a.q = new short[batch * cols + SHORT_PAD]; // round's full-width store runs SHORT_PAD past the values
            a.x = new float[batch * cols];
        }
        if (a.d.length < batch * a.blocks) {
            a.d = new float[batch * a.blocks];
            a.sums = new float[batch * a.blocks];
        }
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < a.blocks; k++) {
                int start = b * cols + k * BLOCK, len = Math.min(BLOCK, cols - k * BLOCK);
                if (len == BLOCK) {
                    a.d[b * a.blocks + k] = a.quantizeBlock(x, start, b * a.blocks + k, rowMajor ? start : xAt(b, k, batch, cols / BLOCK));
                    continue;
                }
                float d = Q8_0.scale(x, start, len), id = d != 0 ? 1f / d : 0f; // a partial last block, scalar
                a.d[b * a.blocks + k] = d;
                int sum = 0;
                for (int j = 0; j < len; j++) {
                    a.q[start + j] = Q8_0.quantize(x[start + j], id);
                    sum += a.q[start + j];
                    if (rowMajor) a.x[start + j] = a.q[start + j] * d;
                }
                a.sums[b * a.blocks + k] = sum;
            }
        }
        return a;
    }

    /**
     * Where full block k of batch row b starts in {@link #x}: the batch kernels take rows 8 at a time,
     * then 4, so each group's rows lie block by block (group start g, row i of the group, block k at
     * g * full * 32 + (k * size + i) * 32). A kernel then reads one contiguous run per block instead
     * of eight rows cols * 4 bytes apart, at a stride that is a constant of its loop (so C2 still
     * hoists the range checks). Rows past the groups (fewer than 4) are laid out alone.
     */
    static int xAt(int b, int k, int batch, int full) {
        int eights = batch & ~7, g = b, size = 1;
        if (b < eights) {
            g = b & ~7;
            size = 8;
        } else if (batch - eights >= 4 && b < eights + 4) {
            g = eights;
            size = 4;
        }
        return (g * full + k * size + b - g) * BLOCK;
    }

    /**
     * The 32 values at x[at ..], vectorized with exactly Q8_0.quantize's rounding (halves away from
     * zero): |v| = t + f with t its integer part, so round(|v|) = t + (f >= 0.5), f being exact in fp32.
     */
    private float quantizeBlock(float[] x, int at, int block, int xAt) {
        FloatVector m = FloatVector.fromArray(F, x, at).abs();
        for (int j = L; j < BLOCK; j += L) m = m.max(FloatVector.fromArray(F, x, at + j).abs()); // 32 / L vectors: a constant trip count
        float amax = m.reduceLanes(VectorOperators.MAX);
        float d = amax / 127f, id = d != 0 ? 1f / d : 0f;
        // round loads its values again rather than taking a vector: when C2 does not inline it, a
        // vector argument is boxed on every call
        int sum = 0;
        for (int j = 0; j < BLOCK; j += L) sum += round(x, at + j, id, d, xAt + j);
        sums[block] = sum;
        return d;
    }

    /**
     * Rounds and stores the L values x[at ..] (q at at, q * d at xAt), returning the sum of their quantized values.
     * All in floats with float masks: on JDK 17 with AVX2, C2 intrinsifies neither float-to-int
     * conversion nor float-to-int mask casts, and either made it box every vector here. m = |v| is
     * truncated exactly with the 2^23 trick (adding and taking away 2^23 rounds to nearest; one less
     * where that rounded up), rounded up where its fraction (exact in fp32) is at least 0.5, signed,
     * and read as an int through the bits of r + 1.5 * 2^23.
     */
    private int round(float[] x, int at, float id, float d, int xAt) {
        FloatVector v = FloatVector.fromArray(F, x, at).mul(id), m = v.abs();
        FloatVector r = m.add(0x1p23f).sub(0x1p23f);
        r = r.sub(1f, r.compare(VectorOperators.GT, m));
        r = r.add(1f, m.sub(r).compare(VectorOperators.GE, 0.5f));
        r = r.lanewise(VectorOperators.NEG, v.compare(VectorOperators.LT, 0f));
        IntVector t = r.add(0x1.8p23f).reinterpretAsInts().sub(0x4B40_0000);
        ((ShortVector) t.convert(VectorOperators.I2S, 0)).intoArray(q, at); // L values and L zeros: the next call overwrites the zeros
        ((FloatVector) t.convert(VectorOperators.I2F, 0)).mul(d).intoArray(this.x, xAt);
        return t.reduceLanes(VectorOperators.ADD);
    }
}
