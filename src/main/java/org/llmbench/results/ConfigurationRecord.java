package org.llmbench.results;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one benchmark configuration ran on, recorded by the benchmark itself when it set up, so
 * a report never has to recompute it from code that may have changed since.
 *
 * @param benchmark      the JMH benchmark method, as in jmh.json
 * @param params         its JMH parameters, as in jmh.json
 * @param model          the model's shape (null for benchmarks without a model)
 * @param weightOrigin   where the weights came from: "synthetic (seed 42)" or a file and its identity
 * @param weightBytes    weight bytes as the engine (or kernel) holds them
 * @param kvCacheBytes   the session's KV cache (NaN where there is none)
 * @param conversion     what loading converted (e.g. "Q6_K dequantized and quantized to int4"), or null
 */
public record ConfigurationRecord(String benchmark, Map<String, String> params, BenchmarkKind kind, ModelShape model,
                                  String weightOrigin, double weightBytes, double kvCacheBytes, String conversion) {

    /** Identifies a configuration across files: method and every parameter, sorted by name. */
    public static String key(String benchmark, Map<String, String> params) {
        return benchmark + " " + new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    public String key() {
        return key(benchmark, params);
    }
}
