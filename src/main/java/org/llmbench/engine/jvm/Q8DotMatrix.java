package org.llmbench.engine.jvm;

import org.llmbench.quant.Fp16;
import org.llmbench.runtime.Parallel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.runtime.VectorWidth;

/**
 * A matrix of integer weights whose kernel takes the activations quantized to int8 blocks
 * ({@link Q8Activations}), as llama.cpp's Q8_0 dot product does: the activations are quantized
 * once per multiplication, before the rows are split over threads. ({@link Int4Matrix} takes the
 * same activations, rearranged into its own order: {@link Int4Activations}.)
 */
abstract class Q8DotMatrix extends Matrix {
    Q8DotMatrix(int rows, int cols) {
        super(rows, cols);
    }

    @Override
    protected final void multiplyRows(Parallel pool, float[] x, float[] out, int batch) {
        Q8Activations a = Q8Activations.of(x, batch, cols);
        forRows(pool, batch, (r0, r1) -> multiply(a, out, batch, r0, r1));
    }

    @Override
    public final void multiply(float[] x, float[] out, int batch, int r0, int r1) {
        multiply(Q8Activations.of(x, batch, cols), out, batch, r0, r1);
    }

    /** Rounded to Q8_0 blocks as the kernels round them, dequantized: the GEMM multiplies the same operands in floats. */
    @Override
    public final float[] activations(float[] x, int m) {
        return Q8Activations.of(x, m, cols, true).x;
    }

    /** As {@link #multiply(float[], float[], int, int, int)}, with the activations already quantized. */
    abstract void multiply(Q8Activations a, float[] out, int batch, int r0, int r1);

    /**
     * A full-width load of fp16 scales, of which {@link #halves} widens the first L: C2 compiled the
     * half-width load (HALF_SHORTS) as a virtual call in some JVMs and then boxed every vector of the
     * kernel it was inlined into (int4 decode at half speed, ~800 MB allocated a token; 2026-12-03).
     * Scale arrays read by {@link #halves} carry {@link #HALF_PAD} spare shorts past their end.
     */
    private static final VectorSpecies<Short> S16 = VectorWidth.SHORTS;
    static final int HALF_PAD = VectorWidth.SHORTS.length() - VectorWidth.LANES;
    private static final VectorSpecies<Float> F = VectorWidth.FLOATS;
    private static final int L = VectorWidth.LANES;

    /**
     * c[k] = weight scale[s0 + k] (fp16) times activation scale d[db + k], for k < n: a row's block
     * scales, a vector at a time, before its block loop, which then only broadcasts them.
     */
    static void blockScales(short[] scale, int s0, float[] d, int db, int n, float[] c) {
        int k = 0;
        for (; k + L <= n; k += L) halves(scale, s0 + k).mul(FloatVector.fromArray(F, d, db + k)).intoArray(c, k);
        for (; k < n; k++) c[k] = Fp16.toFloat(scale[s0 + k]) * d[db + k];
    }

    /**
     * A vector of fp16 values (L of them) as floats, exactly as {@link Fp16#toFloat}: exponent and mantissa shifted into
     * fp32 position and multiplied by 2^112 (which rebiases normals and makes subnormals exact),
     * infinities and NaNs given the fp32 maximum exponent, then the sign.
     */
    static FloatVector halves(short[] h, int at) {
        IntVector v = (IntVector) ShortVector.fromArray(S16, h, at).convert(VectorOperators.S2I, 0);
        IntVector bits = v.and(0x7FFF).lanewise(VectorOperators.LSHL, 13);
        VectorMask<Integer> special = bits.compare(VectorOperators.GE, 0x7C00 << 13);
        bits = bits.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts().blend(bits.or(0x7000_0000), special);
        return bits.or(v.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }
}
