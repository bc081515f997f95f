package org.llmbench.results;

/**
 * The metrics an endpoint run puts into jmh.json, one record per endpoint × load level × metric,
 * named {@code org.llmbench.endpoint.Endpoint.<name>}. Latencies use JMH's single-shot mode and
 * "ms/op" (lower is better, one request = one shot); rates use throughput mode and "…/s" (higher is better).
 */
public enum EndpointMetric {
    TTFT("ttft", "ms/op", "time to first token"),
    TPOT("tpot", "ms/op", "time per output token"),
    ITL("itl", "ms/op", "inter-chunk latency"),
    E2E("e2e", "ms/op", "end-to-end latency"),
    REQUEST_THROUGHPUT("requestThroughput", "req/s", "successful requests per second"),
    OUTPUT_TOKENS("outputTokens", "tokens/s", "output tokens per second"),
    GOODPUT("goodput", "req/s", "requests meeting every SLO per second");

    public static final String BENCHMARK_PREFIX = "org.llmbench.endpoint.Endpoint.";

    public final String jmhName, unit, description;

    EndpointMetric(String jmhName, String unit, String description) {
        this.jmhName = jmhName;
        this.unit = unit;
        this.description = description;
    }

    public boolean isLatency() {
        return unit.startsWith("ms");
    }

    /** JMH's mode string: "ss" (single shot) for latencies, "thrpt" for rates. */
    public String jmhMode() {
        return isLatency() ? "ss" : "thrpt";
    }

    public String benchmark() {
        return BENCHMARK_PREFIX + jmhName;
    }
}
