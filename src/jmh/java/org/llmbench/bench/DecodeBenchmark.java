package org.llmbench.bench;

import org.llmbench.workload.Workload;

import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * Decode throughput: each operation advances every batch row by genLen tokens, starting from a
 * KV cache filled with promptLen tokens. The "tokens" metric is tokens/s summed over the batch;
 * "weightBytes" is the achieved weight bandwidth in bytes/s (weight bytes read per step x steps/s).
 * With -Dllmbench.handicap=10% in the fork's JVM options it runs 10% slower ({@link Handicap}: for testing regression gates).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:MaxRAMPercentage=75"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DecodeBenchmark {
    @Param({"llama-tiny"})
    public String model;
    /** auto: the weights as their source stores them (fp32 for registry models; a GGUF file's types as stored). */
    @Param({"auto"})
    public String quant;
    /** jvm, torch or torch-cuda (docs/TORCH.md). */
    @Param({"jvm"})
    public String backend;
    @Param({"1", "8"})
    public int batch;
    @Param({"128"})
    public int promptLen;
    @Param({"32"})
    public int genLen;

    private Workload workload;
    private long weightBytesPerOp;
    private Handicap handicap;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams jmh) {
        workload = Workload.open(model, quant, backend, batch, promptLen, genLen);
        Records.workload(jmh, workload);
        workload.firstToken(); // fills the cache to promptLen once
        weightBytesPerOp = workload.decodeWeightBytes();
        handicap = Handicap.fromSystemProperty();
    }

    @Benchmark
    public void decode(TokenCounter counter) {
        long start = handicap.active() ? System.nanoTime() : 0;
        counter.tokens += workload.decode();
        counter.weightBytes += weightBytesPerOp;
        if (handicap.active()) handicap.after(start);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (workload != null) workload.close();
    }
}
