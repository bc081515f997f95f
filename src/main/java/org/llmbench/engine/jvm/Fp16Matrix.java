package org.llmbench.engine.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.llmbench.LlmbenchException;
import org.llmbench.quant.Fp16;
import org.llmbench.quant.Quant;

/**
 * IEEE half-precision weights. The vector conversion shifts exponent and mantissa into fp32
 * position and multiplies by 2^112, which rebiases normal values and makes subnormals exact; it
 * cannot express infinity or NaN, so quantize refuses values outside the fp16 range.
 */
public final class Fp16Matrix extends HalfMatrix {
    private static final FloatVector REBIAS = FloatVector.broadcast(F, 0x1p112f);

    public Fp16Matrix(short[] w, int rows, int cols) {
        super(w, rows, cols);
    }

    public static Fp16Matrix quantize(String name, float[] src, int rows, int cols) {
        short[] w = new short[src.length];
        for (int i = 0; i < src.length; i++) {
            w[i] = Fp16.fromFloat(src[i]);
            if ((w[i] & 0x7C00) == 0x7C00) {
                throw new LlmbenchException("Tensor " + name + " holds " + src[i] + ", outside the fp16 range (|x| <= 65504); use bf16 or fp32.");
            }
        }
        return new Fp16Matrix(w, rows, cols);
    }

    @Override
    public Quant quant() {
        return Quant.FP16;
    }

    @Override
    FloatVector load(short[] w, int at) {
        IntVector h = widen(w, at);
        FloatVector magnitude = h.and(0x7FFF).lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(REBIAS);
        return magnitude.reinterpretAsInts().or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }

    @Override
    float value(short h) {
        return Fp16.toFloat(h);
    }
}
