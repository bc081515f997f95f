package org.llmbench.report;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One configuration of one JMH benchmark as read from a result file.
 *
 * @param benchmark fully qualified benchmark method (e.g. org.llmbench.bench.DecodeBenchmark.decode)
 * @param params    JMH @Param values, as strings (JMH writes them so)
 * @param secondary secondary metrics by label: aux counters ("tokens"), profilers ("gc.alloc.rate", telemetry)
 * @param source    the file it came from
 */
public record JmhResult(String benchmark, String mode, Map<String, String> params, Metric primary,
                        Map<String, Metric> secondary, int threads, int forks, String jdkVersion, String source) {

    /** Class and method without the package: "DecodeBenchmark.decode". */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    /** The method name alone ("decode", "ttft"). */
    public String method() {
        int dot = benchmark.lastIndexOf('.');
        return dot >= 0 ? benchmark.substring(dot + 1) : benchmark;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** A param as an int, or -1 when absent or not a number. */
    public int intParam(String name) {
        try {
            return Integer.parseInt(params.getOrDefault(name, "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Identifies the configuration across files: benchmark, mode and every param, sorted by name. */
    public String configKey() {
        String p = new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return shortName() + " [" + mode + "]" + (p.isEmpty() ? "" : " " + p);
    }
}
