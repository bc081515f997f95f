package org.llmbench.results;

import java.util.List;

/**
 * The telemetry quantities the report shows, each with the labels of the telemetry profiler
 * (-prof llm) that stand for it, best first (GPU before CPU package, means before peaks; memory:
 * GPU memory used, then the process's resident peak, then JVM heap used; never a capacity).
 */
public enum TelemetryQuantity {
    POWER("power", "W", List.of(Labels.GPU_POWER, Labels.CPU_PACKAGE_POWER)),
    ENERGY("energy", "J", List.of(Labels.GPU_ENERGY, Labels.CPU_PACKAGE_ENERGY)),
    TEMPERATURE("temperature", "°C", List.of(Labels.GPU_TEMPERATURE)),
    MEMORY("memory", "bytes", List.of(Labels.GPU_MEMORY_USED, Labels.RSS_PEAK, Labels.HEAP_USED)),
    TOKENS_PER_JOULE("tokens per joule", "tokens/J", List.of(Labels.GPU_TOKENS_PER_JOULE, Labels.CPU_TOKENS_PER_JOULE));

    /** The profiler's labels for these quantities (it names its results with these constants). */
    public static final class Labels {
        public static final String GPU_POWER = "llm.gpu.power.avg";
        public static final String GPU_ENERGY = "llm.gpu.energy";
        public static final String GPU_TEMPERATURE = "llm.gpu.temp.avg";
        public static final String GPU_MEMORY_USED = "llm.gpu.mem.used";
        public static final String GPU_TOKENS_PER_JOULE = "llm.gpu.tokens.per.J";
        public static final String CPU_PACKAGE_POWER = "llm.cpu.pkg.power";
        public static final String CPU_PACKAGE_ENERGY = "llm.cpu.pkg.energy";
        public static final String CPU_TOKENS_PER_JOULE = "llm.cpu.tokens.per.J";
        public static final String RSS_PEAK = "llm.cpu.rss.peak";
        public static final String HEAP_USED = "llm.jvm.heap.used";

        private Labels() {
        }
    }

    public final String title;
    /** The base unit the report shows it in. */
    public final String unit;
    /** Profiler labels standing for it, best first. */
    public final List<String> labels;

    TelemetryQuantity(String title, String unit, List<String> labels) {
        this.title = title;
        this.unit = unit;
        this.labels = labels;
    }
}
