package org.llmbench.gemm;

import org.llmbench.runtime.MemoryBudget;
import org.llmbench.runtime.Parallel;

/** The pure-JVM backend: {@link BlockedGemm}, or {@link SkinnyGemm} for decode shapes of a few rows, on a thread pool. */
public final class JvmGemmBackend implements GemmBackend {
    private final Parallel parallel;
    private final BlockedGemm gemm;
    private final SkinnyGemm skinny;
    private GemmProblem problem;
    private float[] c;

    public JvmGemmBackend(int threads) {
        this.parallel = new Parallel(threads);
        this.gemm = new BlockedGemm(parallel);
        this.skinny = new SkinnyGemm(parallel);
    }

    @Override
    public String id() {
        return "jvm";
    }

    @Override
    public void prepare(GemmProblem problem) {
        GemmShape s = problem.shape();
        MemoryBudget.require(4L * s.m() * s.n() + 4L * Math.min(BlockedGemm.KC, s.k()) * (s.m() + s.n() + 32),
                "jvm GEMM output and packing buffers for " + s);
        this.problem = problem;
        this.c = new float[s.m() * s.n()];
    }

    @Override
    public long multiply() {
        long t0 = System.nanoTime();
        if (problem.shape().m() <= SkinnyGemm.MAX_ROWS) {
            skinny.multiply(problem.a(), problem.b(), c);
        } else {
            gemm.multiply(problem.a(), problem.b(), c);
        }
        return System.nanoTime() - t0;
    }

    @Override
    public double product(int i, int j) {
        return c[i * problem.shape().n() + j];
    }

    @Override
    public void close() {
        parallel.close();
    }
}
