package org.llmbench.profiler;

import org.junit.jupiter.api.Test;
import org.llmbench.telemetry.GpuSample;
import org.llmbench.telemetry.MemoryPool;
import org.llmbench.telemetry.ProcessReader;
import org.llmbench.telemetry.WindowStats;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.results.Result;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class LlmProfilerTest {
    private static final long MS = 1_000_000;

    @Test
    void optionsInJmhStyle() throws ProfilerException {
        LlmProfilerOptions d = LlmProfilerOptions.parse("");
        assertEquals(new LlmProfilerOptions(LlmProfilerOptions.DEFAULT_INTERVAL_MS, 0, "tokens"), d);
        assertEquals(new LlmProfilerOptions(50, 1, "tok"), LlmProfilerOptions.parse("interval=50;device=1;tokens=tok"));
        assertEquals(d, LlmProfilerOptions.parse(null));
    }

    @Test
    void badOptionsStopTheRunWithOneSentence() {
        assertEquals("-prof llm: interval=0 is invalid; it must be a whole number from 1 to 60000.",
                assertThrows(ProfilerException.class, () -> new LlmProfiler("interval=0")).getMessage());
        assertTrue(assertThrows(ProfilerException.class, () -> new LlmProfiler("device=gpu")).getMessage().contains("device=gpu is invalid"));
        assertEquals("-prof llm: unknown option 'period'; valid options are interval, device, tokens and help.",
                assertThrows(ProfilerException.class, () -> new LlmProfiler("period=5")).getMessage());
        assertTrue(assertThrows(ProfilerException.class, () -> new LlmProfiler("help")).getMessage().startsWith("Usage: -prof llm"));
    }

    @Test
    void constructorTouchesNoNativeLibrary() throws ProfilerException {
        // the host JVM builds the profiler only to check options: nothing may be loaded or printed there
        LlmProfiler p = new LlmProfiler("interval=10");
        assertTrue(p.getDescription().contains("interval=<ms>"));
    }

    @Test
    void warmupIterationsAreNotSampled() throws ProfilerException {
        LlmProfiler p = new LlmProfiler("interval=5");
        IterationParams warmup = new IterationParams(IterationType.WARMUP, 1, TimeValue.milliseconds(10), 1);
        IterationParams measure = new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.milliseconds(10), 1);
        p.beforeIteration(null, warmup);
        assertTrue(p.afterIteration(null, warmup, null).isEmpty());
        p.beforeIteration(null, measure);
        List<String> labels = p.afterIteration(null, measure, null).stream().map(Result::getLabel).collect(Collectors.toList());
        assertTrue(labels.contains("llm.cpu.util") && labels.contains("llm.jvm.heap.used"), labels.toString());
        assertTrue(p.afterIteration(null, measure, null).isEmpty(), "an unmatched afterIteration reports nothing");
    }

    @Test
    void aliasRewritesOnlyOurProfiler() {
        String cls = LlmProfiler.class.getName();
        assertEquals(List.of("-f", "1", "-prof", cls), ProfilerAlias.rewrite(List.of("-f", "1", "-prof", "llm")));
        assertEquals(List.of("-prof", cls + ":interval=50;device=0", "-prof", "gc"),
                ProfilerAlias.rewrite(List.of("-prof", "llm:interval=50;device=0", "-prof", "gc")));
        assertEquals(List.of("-prof", "llmx", "llm"), ProfilerAlias.rewrite(List.of("-prof", "llmx", "llm")));
    }

    @Test
    void tokenRatesConvertToPerSecond() {
        assertEquals(120.0, TokenRate.perSecond(120, "ops/s"), 1e-9);
        assertEquals(120.0, TokenRate.perSecond(0.12, "ops/ms"), 1e-9);
        assertEquals(2.0, TokenRate.perSecond(120, "ops/min"), 1e-9);
        assertTrue(Double.isNaN(TokenRate.perSecond(3, "s/op")));
        assertTrue(Double.isNaN(TokenRate.perSecond(3, "#")));
        assertTrue(Double.isNaN(TokenRate.perSecond(null, "tokens")));
    }

    @Test
    void cpuOnlyWindowHasNoGpuOrEnergyLabels() {
        Map<String, Result> r = byLabel(IterationMetrics.of(cpuWindow(), false, 100.0, List.of()));
        assertFalse(r.keySet().stream().anyMatch(l -> l.startsWith("llm.gpu.")), r.keySet().toString());
        assertFalse(r.containsKey("llm.cpu.tokens.per.J"), "no RAPL, no energy, no tokens/J");
        assertEquals(375.0, r.get("llm.jvm.heap.used").getScore(), 1e-9);
        assertEquals(25.0, r.get("llm.jvm.heap.frag").getScore(), 1e-9, "(committed - used) / committed");
        assertEquals(700.0, r.get("llm.cpu.rss.peak").getScore(), 1e-9);
        assertEquals("MiB", r.get("llm.cpu.rss.peak").getScoreUnit());
        assertEquals(55.0, r.get("llm.cpu.util").getScore(), 1e-9);
    }

    @Test
    void gpuWindowGivesPowerEnergyAndTokensPerJoule() {
        WindowStats w = cpuWindow();
        for (int i = 0; i <= 10; i++) {
            w.add(i * 100 * MS, new GpuSample(i == 5 ? 300 : 200, 60 + i, 1400, 1200, 90, 40, i < 5 ? 0x4 : 0, 6L << 30, 512L << 20, 16L << 30));
        }
        w.gpuCounterJoules(250.0);
        w.raplJoules(50.0);
        Map<String, Result> r = byLabel(IterationMetrics.of(w, true, 100.0, List.of()));
        assertEquals(210.0, r.get("llm.gpu.power.avg").getScore(), 1e-9);
        assertEquals(300.0, r.get("llm.gpu.power.peak").getScore(), 1e-9);
        assertEquals(250.0, r.get("llm.gpu.energy").getScore(), 1e-9);
        assertEquals(70.0, r.get("llm.gpu.temp.peak").getScore(), 1e-9);
        assertEquals(100.0 * 1.0 / 250.0, r.get("llm.gpu.tokens.per.J").getScore(), 1e-9, "100 tokens/s over 1 s / 250 J");
        assertEquals(100.0 / 210.0, r.get("llm.gpu.tokens.s.per.W").getScore(), 1e-9);
        assertEquals(100.0 * 5 / 11, r.get("llm.gpu.event.SwPowerCap").getScore(), 1e-9);
        assertEquals(6 * 1024.0, r.get("llm.gpu.mem.used").getScore(), 1e-9);
        assertEquals(512.0, r.get("llm.gpu.mem.reserved").getScore(), 1e-9);
        assertEquals(2.0, r.get("llm.cpu.tokens.per.J").getScore(), 1e-9);
        assertEquals(50.0, r.get("llm.cpu.pkg.power").getScore(), 1e-9);
        assertTrue(byLabel(IterationMetrics.of(w, true, Double.NaN, List.of())).keySet().stream().noneMatch(l -> l.contains("tokens")),
                "no token counter, no derived metrics");
    }

    @Test
    void registeredPoolReportsFragmentation() {
        MemoryPool pool = new MemoryPool() {
            public String name() { return "cuda0"; }
            public long reservedBytes() { return 1000L << 20; }
            public long allocatedBytes() { return 920L << 20; }
            public long peakAllocatedBytes() { return 960L << 20; }
        };
        Map<String, Result> r = byLabel(IterationMetrics.of(cpuWindow(), false, Double.NaN, List.of(pool)));
        assertEquals(8.0, r.get("llm.pool.cuda0.frag").getScore(), 1e-9);
        assertEquals(960.0, r.get("llm.pool.cuda0.peak").getScore(), 1e-9);
        assertEquals(1000.0, r.get("llm.pool.cuda0.reserved").getScore(), 1e-9);
    }

    private static WindowStats cpuWindow() {
        WindowStats w = new WindowStats();
        for (int i = 0; i <= 10; i++) {
            w.add(i * 100 * MS, new ProcessReader.ProcessSample(600L << 20, 375L << 20, 500L << 20, 0, -1));
        }
        w.seconds(1.0);
        w.cpuUtilPercent(55.0);
        w.rssPeakBytes(700L << 20);
        return w;
    }

    private static Map<String, Result> byLabel(List<Result> results) {
        return results.stream().collect(Collectors.toMap(Result::getLabel, r -> r));
    }
}
