package org.llmbench.results;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A configuration that was planned but produced no result, and the one-line reason. */
public record FailedConfiguration(String benchmark, Map<String, String> params, String reason) {
    /** "DecodeBenchmark.decode batch=8 model=llama-tiny". */
    public String label() {
        String[] p = benchmark.split("\\.");
        String name = p.length >= 2 ? p[p.length - 2] + "." + p[p.length - 1] : benchmark;
        String ps = new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return ps.isEmpty() ? name : name + " " + ps;
    }
}
