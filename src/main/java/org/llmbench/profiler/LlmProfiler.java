package org.llmbench.profiler;

import org.llmbench.telemetry.MemoryPools;
import org.llmbench.telemetry.Telemetry;
import org.llmbench.telemetry.TelemetrySampler;
import org.llmbench.telemetry.WindowStats;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code -prof llm}: GPU (NVML), CPU, JVM and energy telemetry as secondary metrics of every
 * measurement iteration. JMH builds it twice, in the host (to check options) and in the fork (to
 * run), so the constructor only parses options and native libraries are touched on the first
 * measurement iteration. Nothing here may fail a benchmark: a missing source is said once and skipped.
 */
public final class LlmProfiler implements InternalProfiler {
    private final LlmProfilerOptions options;
    private Telemetry telemetry;
    private TelemetrySampler sampler;
    private boolean broken;

    public LlmProfiler(String initLine) throws ProfilerException {
        this.options = LlmProfilerOptions.parse(initLine);
    }

    public LlmProfiler() throws ProfilerException {
        this("");
    }

    @Override
    public String getDescription() {
        return "llmbench telemetry: GPU power/energy/temperature/clocks/utilization/memory (NVML), "
                + "process CPU, RSS, heap, buffers, RAPL energy, tokens/J (options: interval=<ms>;device=<n>;tokens=<label>; -prof llm:help)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        if (broken) return;
        try {
            if (telemetry == null) { // in the first iteration (warmup if any), so NVML's slow init never meets a measurement
                telemetry = Telemetry.open(options.device(), LlmProfiler::say);
                sampler = new TelemetrySampler(telemetry, TimeUnit.MILLISECONDS.toNanos(options.intervalMillis()));
                Runtime.getRuntime().addShutdownHook(new Thread(telemetry::close, "llmbench-nvml-shutdown"));
            }
            if (iteration.getType() == IterationType.MEASUREMENT) sampler.start();
        } catch (RuntimeException | LinkageError e) {
            disable(e);
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        if (iteration.getType() != IterationType.MEASUREMENT || broken || sampler == null || !sampler.running()) return List.of();
        try {
            WindowStats window = sampler.stop();
            double tokensPerSecond = TokenRate.perSecond(result, options.tokensLabel());
            return IterationMetrics.of(window, telemetry.gpu() != null, tokensPerSecond, MemoryPools.registered());
        } catch (RuntimeException | LinkageError e) {
            disable(e);
            return List.of();
        }
    }

    private void disable(Throwable e) {
        broken = true;
        say("telemetry failed, metrics skipped for the rest of this fork: " + e);
    }

    private static void say(String message) {
        System.out.println("llm profiler: " + message);
    }
}
