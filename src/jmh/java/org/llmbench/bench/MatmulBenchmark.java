package org.llmbench.bench;

import org.llmbench.gemm.GemmBackend;
import org.llmbench.gemm.GemmBackends;
import org.llmbench.gemm.GemmDtype;
import org.llmbench.gemm.GemmProblem;
import org.llmbench.gemm.GemmShape;
import org.llmbench.gemm.ProductCheck;
import org.llmbench.runtime.MemoryBudget;

import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * Matrix multiplication C (m x n) = A (m x k) * B (k x n) per backend and input dtype.
 * Primary metric: multiplications per second (ops/s; its inverse is the time per multiplication).
 * Secondary "gflops": GFLOP/s with 2*m*n*k flop per multiplication. m = 0 or k = 0 means "= n";
 * m = 1..64 with k = n gives the skinny shapes of decoding. A backend or dtype that cannot run
 * here fails its configuration in setUp with one line; every trial first checks the product
 * against a double-precision reference on sampled entries.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true", "-XX:MaxRAMPercentage=75"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class MatmulBenchmark {
    @Param({"jvm", "torch", "cublas"})
    public String backend;
    @Param({"fp32"})
    public String dtype;
    @Param({"512", "1024", "2048"})
    public int n;
    @Param({"0"})
    public int m;
    @Param({"0"})
    public int k;

    private GemmShape shape;
    private GemmBackend gemm;

    @Setup(Level.Trial)
    public void setUp() {
        GemmDtype type = GemmDtype.parse(dtype);
        shape = GemmShape.of(n, m, k);
        MemoryBudget.require(2 * shape.bytes(type), "matmul inputs and output for " + shape + " " + type);
        GemmProblem problem = GemmProblem.random(shape, type, 20261122L);
        gemm = GemmBackends.open(backend, type, Runtime.getRuntime().availableProcessors());
        gemm.prepare(problem);
        gemm.multiply();
        ProductCheck.verify(gemm, problem, n);
    }

    @Benchmark
    public void multiply(GemmCounters counters, GemmClock clock) {
        long nanos = gemm.multiply();
        counters.gflops += shape.flops() * 1e-9;
        clock.backendMillis += nanos * 1e-6;
        clock.multiplications++;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (gemm != null) gemm.close();
    }
}
