package org.llmbench.bench;

import org.llmbench.engine.jvm.Matrices;
import org.llmbench.engine.jvm.Matrix;
import org.llmbench.quant.Quant;
import org.llmbench.runtime.Parallel;
import org.llmbench.weights.FloatTensor;

import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One engine kernel alone: an n x k weight matrix (n outputs, k inputs) in the given quant times
 * batch activation rows, on all cores, as a decoding step multiplies each weight matrix (names as in
 * MatmulBenchmark: out[batch x n] = x[batch x k] * W^T). The default shape is tinyllama-1.1b's FFN up
 * projection. "tokens" counts activation rows per second, "weightBytes" the weight bandwidth achieved
 * (bytes/s), the number to hold against sysinfo's triad.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class KernelBenchmark {
    @Param({"fp32", "int8", "int4"})
    public String quant;
    @Param({"1", "8"})
    public int batch;
    @Param({"5632"})
    public int n;
    @Param({"2048"})
    public int k;

    private Matrix matrix;
    private Parallel pool;
    private float[] x, out;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams jmh) {
        SplittableRandom rnd = new SplittableRandom(7);
        int cols = k == 0 ? n : k; // as in MatmulBenchmark, k = 0 means k = n
        float[] w = new float[Math.multiplyExact(n, cols)];
        for (int i = 0; i < w.length; i++) w[i] = (float) (rnd.nextGaussian() * 0.02);
        matrix = Matrices.of(new FloatTensor("kernel", n, cols, w), Quant.parse(quant));
        Records.matrix(jmh, matrix.bytes());
        x = new float[batch * cols];
        for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
        out = new float[batch * n];
        pool = new Parallel(Runtime.getRuntime().availableProcessors());
    }

    @Benchmark
    public float multiply(TokenCounter counter) {
        matrix.multiply(pool, x, out, batch);
        counter.tokens += batch;
        counter.weightBytes += matrix.bytes();
        return out[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }
}
