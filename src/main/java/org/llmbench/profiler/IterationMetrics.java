package org.llmbench.profiler;

import org.llmbench.results.TelemetryQuantity.Labels;
import org.llmbench.telemetry.ClockEventReasons;
import org.llmbench.telemetry.MemoryPool;
import org.llmbench.telemetry.Series;
import org.llmbench.telemetry.WindowStats;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one sampled window into JMH secondary results. A quantity nobody measured is left out,
 * never written as 0: no GPU means no llm.gpu.* labels, no token counter means no tokens/J.
 * Averages use AVG (JMH gives them a confidence interval), peaks MAX.
 */
final class IterationMetrics {
    static final double MIB = 1024.0 * 1024.0;

    private final List<Result> out = new ArrayList<>();

    private IterationMetrics() {
    }

    /**
     * @param w               the window
     * @param gpu             whether a GPU was sampled
     * @param tokensPerSecond the benchmark's token rate, NaN when it has none
     * @param pools           registered allocators, read now
     */
    static List<Result> of(WindowStats w, boolean gpu, double tokensPerSecond, List<MemoryPool> pools) {
        IterationMetrics m = new IterationMetrics();
        if (gpu) m.gpu(w, tokensPerSecond);
        m.cpu(w, tokensPerSecond);
        for (MemoryPool p : pools) m.pool(p);
        return m.out;
    }

    private void gpu(WindowStats w, double tps) {
        avg(Labels.GPU_POWER, w.gpuPower.mean(), "W");
        max("llm.gpu.power.peak", w.gpuPower.peak(), "W");
        double joules = w.gpuJoules();
        avg(Labels.GPU_ENERGY, joules, "J");
        avg(Labels.GPU_TEMPERATURE, w.gpuTemperature.mean(), "C");
        max("llm.gpu.temp.peak", w.gpuTemperature.peak(), "C");
        avg("llm.gpu.clock.sm", w.gpuSmClock.mean(), "MHz");
        avg("llm.gpu.clock.mem", w.gpuMemClock.mean(), "MHz");
        avg("llm.gpu.util", w.gpuUtil.mean(), "%");
        avg("llm.gpu.util.mem", w.gpuMemUtil.mean(), "%");
        if (w.hasClockEvents()) {
            for (int bit = 0; bit < ClockEventReasons.count(); bit++) {
                avg("llm.gpu.event." + ClockEventReasons.name(bit), w.clockEventPercent(bit), "% of samples");
            }
        }
        max(Labels.GPU_MEMORY_USED, mib(w.gpuMemUsed), "MiB");
        max("llm.gpu.mem.reserved", mib(w.gpuMemReserved), "MiB");
        max("llm.gpu.mem.total", mib(w.gpuMemTotal), "MiB");
        if (Double.isFinite(tps)) {
            if (joules > 0) avg(Labels.GPU_TOKENS_PER_JOULE, tps * w.seconds() / joules, "tokens/J");
            double watts = w.gpuPower.mean();
            if (watts > 0) avg("llm.gpu.tokens.s.per.W", tps / watts, "tokens/s/W");
        }
    }

    private void cpu(WindowStats w, double tps) {
        avg("llm.cpu.util", w.cpuUtilPercent(), "%");
        avg("llm.profiler.cpu", w.samplerCpuPercent(), "% of a core");
        if (w.rssPeakBytes() >= 0) max(Labels.RSS_PEAK, w.rssPeakBytes() / MIB, "MiB");
        double used = w.heapUsed.mean(), committed = w.heapCommitted.mean();
        avg(Labels.HEAP_USED, used / MIB, "MiB");
        avg("llm.jvm.heap.committed", committed / MIB, "MiB");
        // the JVM engine's weights and KV cache live on the heap: committed plays "reserved", used plays "allocated"
        if (committed > 0) avg("llm.jvm.heap.frag", 100 * MemoryPool.fragmentation((long) committed, (long) used), "%");
        max("llm.jvm.direct", w.directBuffers.peak() / MIB, "MiB");
        max("llm.jvm.mapped", w.mappedBuffers.peak() / MIB, "MiB");
        double rapl = w.raplJoules();
        if (Double.isFinite(rapl)) {
            avg(Labels.CPU_PACKAGE_ENERGY, rapl, "J");
            if (w.seconds() > 0) avg(Labels.CPU_PACKAGE_POWER, rapl / w.seconds(), "W");
            if (Double.isFinite(tps) && rapl > 0) avg(Labels.CPU_TOKENS_PER_JOULE, tps * w.seconds() / rapl, "tokens/J");
        }
    }

    private void pool(MemoryPool p) {
        long reserved = p.reservedBytes(), allocated = p.allocatedBytes();
        String base = "llm.pool." + p.name();
        avg(base + ".allocated", allocated / MIB, "MiB");
        avg(base + ".reserved", reserved / MIB, "MiB");
        max(base + ".peak", p.peakAllocatedBytes() / MIB, "MiB");
        avg(base + ".frag", 100 * MemoryPool.fragmentation(reserved, allocated), "%");
    }

    private static double mib(Series s) {
        return s.peak() / MIB;
    }

    private void avg(String label, double value, String unit) {
        if (Double.isFinite(value)) out.add(new ScalarResult(label, value, unit, AggregationPolicy.AVG));
    }

    private void max(String label, double value, String unit) {
        if (Double.isFinite(value)) out.add(new ScalarResult(label, value, unit, AggregationPolicy.MAX));
    }
}
