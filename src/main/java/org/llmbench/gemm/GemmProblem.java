package org.llmbench.gemm;

/** The inputs of one benchmark configuration: shape, dtype and the two random operands. */
public record GemmProblem(GemmShape shape, GemmDtype dtype, GemmOperand a, GemmOperand b) {
    public static GemmProblem random(GemmShape shape, GemmDtype dtype, long seed) {
        return new GemmProblem(shape, dtype,
                GemmOperand.random(shape.m(), shape.k(), dtype, seed),
                GemmOperand.random(shape.k(), shape.n(), dtype, seed + 1));
    }

    /** C[i][j] in double from the converted inputs: the reference every backend is checked against. */
    public double reference(int i, int j) {
        double sum = 0;
        for (int p = 0; p < shape.k(); p++) sum += (double) a.value(i, p) * b.value(p, j);
        return sum;
    }

    /** sum_p |a_ip * b_pj|: the scale against which rounding error is measured. */
    public double magnitude(int i, int j) {
        double sum = 0;
        for (int p = 0; p < shape.k(); p++) sum += Math.abs((double) a.value(i, p) * b.value(p, j));
        return sum;
    }
}
