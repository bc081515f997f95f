package org.llmbench.engine.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.llmbench.quant.Bf16;
import org.llmbench.quant.Quant;

/** bfloat16 weights: a value's bits are the upper half of its fp32 bits, so widening is one shift. */
public final class Bf16Matrix extends HalfMatrix {
    public Bf16Matrix(short[] w, int rows, int cols) {
        super(w, rows, cols);
    }

    public static Bf16Matrix quantize(float[] src, int rows, int cols) {
        short[] w = new short[src.length];
        for (int i = 0; i < src.length; i++) w[i] = Bf16.fromFloat(src[i]);
        return new Bf16Matrix(w, rows, cols);
    }

    @Override
    public Quant quant() {
        return Quant.BF16;
    }

    @Override
    FloatVector load(short[] w, int at) {
        return widen(w, at).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    @Override
    float value(short h) {
        return Bf16.toFloat(h);
    }
}
