package org.llmbench.bench;

import org.llmbench.engine.Backend;
import org.llmbench.engine.Engine;
import org.llmbench.quant.Quant;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.WeightSources;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/** Model load time, single shot: weights from their source into the engine's storage for the quant. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:MaxRAMPercentage=75"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class LoadBenchmark {
    @Param({"llama-tiny"})
    public String model;
    @Param({"fp32"})
    public String quant;
    @Param({"jvm"})
    public String backend;

    @Benchmark
    public long load() {
        try (WeightSource source = WeightSources.open(model);
             Engine engine = Backend.parse(backend).load(source, Quant.parse(quant), Runtime.getRuntime().availableProcessors())) {
            return engine.weightBytes();
        }
    }
}
