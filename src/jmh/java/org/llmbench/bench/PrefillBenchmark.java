package org.llmbench.bench;

import org.llmbench.workload.Workload;

import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/** Time to first token: prefill of promptLen tokens for every batch row, then sampling each row's first token. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:MaxRAMPercentage=75"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PrefillBenchmark {
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

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams jmh) {
        workload = Workload.open(model, quant, backend, batch, promptLen, genLen);
        Records.workload(jmh, workload);
    }

    @Benchmark
    public int ttft() {
        return workload.firstToken();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (workload != null) workload.close();
    }
}
