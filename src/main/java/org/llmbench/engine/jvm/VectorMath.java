package org.llmbench.engine.jvm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.runtime.VectorWidth;

/** Vector API primitives on float arrays: dot product and scaled add, with scalar tails. */
public final class VectorMath {
    static final VectorSpecies<Float> F = VectorWidth.FLOATS;

    private VectorMath() {
    }

    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        FloatVector acc = FloatVector.zero(F);
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            acc = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) sum += a[ao + i] * b[bo + i];
        return sum;
    }

    /** y[yo..] += alpha * x[xo..] for n values. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        FloatVector va = FloatVector.broadcast(F, alpha);
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector.fromArray(F, x, xo + i).fma(va, FloatVector.fromArray(F, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    /** y[yo..] *= alpha for n values. */
    public static void scale(float alpha, float[] y, int yo, int n) {
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += F.length()) {
            FloatVector.fromArray(F, y, yo + i).mul(alpha).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] *= alpha;
    }
}
