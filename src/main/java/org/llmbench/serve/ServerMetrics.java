package org.llmbench.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntSupplier;

/** The server's Prometheus metrics (names in docs/SERVE.md), in a registry of its own, written in the text format. */
final class ServerMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests, promptTokens, generationTokens, cacheQueries, cacheHits;
    private final Histogram ttft, itl, step, e2e;

    ServerMetrics() {
        requests = Counter.builder().name("llmbench_requests").help("HTTP requests answered, by status code (499: the client closed the connection first)")
                .labelNames("status").register(registry);
        promptTokens = Counter.builder().name("llmbench_prompt_tokens").help("Prompt tokens of admitted requests").register(registry);
        generationTokens = Counter.builder().name("llmbench_generation_tokens").help("Tokens generated").register(registry);
        cacheQueries = Counter.builder().name("llmbench_prefix_cache_queries").help("Prompt tokens looked up in the prefix cache").register(registry);
        cacheHits = Counter.builder().name("llmbench_prefix_cache_hits").help("Prompt tokens found in the prefix cache (not recomputed)").register(registry);
        double[] latency = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 60, 120};
        ttft = Histogram.builder().name("llmbench_time_to_first_token_seconds").help("From request arrival to its first generated token")
                .classicOnly().classicUpperBounds(latency).register(registry);
        itl = Histogram.builder().name("llmbench_inter_token_latency_seconds").help("Between consecutive generated tokens of a request")
                .classicOnly().classicUpperBounds(latency).register(registry);
        e2e = Histogram.builder().name("llmbench_request_latency_seconds").help("From request arrival to its last token")
                .classicOnly().classicUpperBounds(latency).register(registry);
        step = Histogram.builder().name("llmbench_scheduler_step_seconds").help("One scheduler step: a forward pass over every running row")
                .classicOnly().classicUpperBounds(latency).register(registry);
    }

    void gauges(IntSupplier running, IntSupplier waiting, IntSupplier blocksUsed, IntSupplier blocksTotal) {
        gauge("llmbench_requests_running", "Requests holding a slot (prefill or decode)", running);
        gauge("llmbench_requests_waiting", "Requests queued for a slot", waiting);
        gauge("llmbench_kv_cache_blocks_used", "Prefix-cache KV blocks held (16 tokens each)", blocksUsed);
        gauge("llmbench_kv_cache_blocks_total", "Prefix-cache KV blocks the budget allows", blocksTotal);
    }

    private void gauge(String name, String help, IntSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsInt())).register(registry);
    }

    void request(int status) {
        requests.labelValues(Integer.toString(status)).inc();
    }

    void admitted(int prompt, int queried, int hits) {
        promptTokens.inc(prompt);
        cacheQueries.inc(queried);
        cacheHits.inc(hits);
    }

    void token(long nanosSinceArrival, long nanosSincePrevious, boolean first) {
        generationTokens.inc();
        if (first) {
            ttft.observe(nanosSinceArrival / 1e9);
        } else {
            itl.observe(nanosSincePrevious / 1e9);
        }
    }

    void finished(long nanosSinceArrival) {
        e2e.observe(nanosSinceArrival / 1e9);
    }

    void step(long nanos) {
        step.observe(nanos / 1e9);
    }

    String contentType() {
        return writer.getContentType();
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
