package org.llmbench.results;

import java.util.List;

/**
 * What a benchmark measures, by its JMH method name: the one table the report reads instead of
 * guessing from names. A result of any other benchmark is {@link #OTHER} and reported generically.
 */
public enum BenchmarkKind {
    PREFILL("org.llmbench.bench.PrefillBenchmark.ttft", "time to first token", Measure.TTFT, true),
    DECODE("org.llmbench.bench.DecodeBenchmark.decode", "decode throughput", Measure.DECODE_TOKENS_PER_SECOND, true),
    LOAD("org.llmbench.bench.LoadBenchmark.load", "model load time", Measure.LOAD_TIME, true),
    KERNEL("org.llmbench.bench.KernelBenchmark.multiply", "one engine kernel", Measure.WEIGHT_BANDWIDTH, false),
    MATMUL("org.llmbench.bench.MatmulBenchmark.multiply", "matrix multiplication", Measure.GFLOPS, false),
    OTHER("", "other benchmark", null, false);

    /** The fully qualified benchmark method, as JMH writes it in "benchmark". */
    public final String method;
    public final String title;
    /** The number this kind of result stands for (null for OTHER). */
    public final Measure headline;
    /** Whether it runs a whole model (model, quant, backend, batch, lengths). */
    public final boolean model;

    BenchmarkKind(String method, String title, Measure headline, boolean model) {
        this.method = method;
        this.title = title;
        this.headline = headline;
        this.model = model;
    }

    /** The kind of a JMH benchmark method name; OTHER for anything not in the table. */
    public static BenchmarkKind of(String benchmark) {
        for (BenchmarkKind k : values()) {
            if (k != OTHER && k.method.equals(benchmark)) return k;
        }
        return OTHER;
    }

    /** Class and method without the package: "DecodeBenchmark.decode". */
    public String shortName() {
        String[] p = method.split("\\.");
        return p.length >= 2 ? p[p.length - 2] + "." + p[p.length - 1] : method;
    }

    public static List<BenchmarkKind> measured() {
        return List.of(PREFILL, DECODE, LOAD, KERNEL, MATMUL);
    }
}
