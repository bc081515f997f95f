package org.llmbench.bench;

import org.llmbench.engine.Engine;
import org.llmbench.model.ModelRegistry;
import org.llmbench.model.ModelSpec;
import org.llmbench.weights.QuantChoice;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.gguf.GgufWriter;
import org.llmbench.weights.resolve.WeightSources;
import org.llmbench.workload.Backend;

import org.llmbench.LlmbenchException;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Model load time, single shot: weights from their source into the engine's storage for the quant.
 * With {@code -p source=gguf} a registry model is first written once to a temporary GGUF file at the
 * quant (outside the measurement), so the benchmark measures real file loading (from the page cache:
 * the file was just written). A model given as a path (.gguf, HF folder) is always loaded from it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:MaxRAMPercentage=75"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class LoadBenchmark {
    @Param({"llama-tiny"})
    public String model;
    /** auto: the weights as their source stores them (fp32 for registry models; a GGUF file's types as stored). */
    @Param({"auto"})
    public String quant;
    /** jvm, torch or torch-cuda (docs/TORCH.md). */
    @Param({"jvm"})
    public String backend;
    /** synthetic: generate the weights; gguf: write them once to a GGUF file and load that. */
    @Param({"synthetic"})
    public String source;

    private String target;
    private Path cached;
    /** What the last load gave (values only: keeping the engine would hold its weights), recorded when the trial ends. */
    private ModelSpec spec;
    private long weightBytes;
    private String origin, conversion;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        target = model;
        if (source.equals("gguf") && ModelRegistry.contains(model)) {
            cached = Files.createTempDirectory("llmbench-load").resolve(model + "-" + quant + ".gguf");
            try (WeightSource w = WeightSources.open(model)) {
                GgufWriter.write(w, QuantChoice.resolve(quant, w), cached);
            }
            target = cached.toString();
        } else if (!source.equals("synthetic") && !source.equals("gguf")) {
            throw new LlmbenchException("source '" + source + "' is invalid; LoadBenchmark's source is synthetic or gguf.");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams jmh) throws IOException {
        if (spec != null) Records.model(jmh, spec, origin, weightBytes, conversion);
        if (cached != null) {
            Files.deleteIfExists(cached);
            Files.deleteIfExists(cached.getParent());
        }
    }

    @Benchmark
    public long load() {
        try (WeightSource w = WeightSources.open(target);
             Engine engine = Backend.parse(backend).load(w, QuantChoice.resolve(quant, w), Runtime.getRuntime().availableProcessors())) {
            spec = engine.spec();
            weightBytes = engine.weightBytes();
            origin = w.origin();
            conversion = w.conversion(engine.quant());
            return engine.weightBytes();
        }
    }
}
