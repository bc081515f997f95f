package org.llmbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds hand-written JMH JSON in the exact shape JMH 1.37 writes (-rf json). */
final class JmhJsonFixture {
    private final List<String> entries = new ArrayList<>();

    /** One result; params as "k=v" strings; secondary metrics added with {@link #withSecondary}. */
    JmhJsonFixture add(String benchmark, String mode, String unit, double[] samples, String... params) {
        return add(benchmark, mode, unit, samples, Map.of(), params);
    }

    JmhJsonFixture add(String benchmark, String mode, String unit, double[] samples, Map<String, String> secondary, String... params) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String kv : params) p.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        String paramJson = p.entrySet().stream().map(e -> "\"" + e.getKey() + "\" : \"" + e.getValue() + "\"").collect(Collectors.joining(", "));
        String sec = secondary.entrySet().stream().map(e -> "\"" + e.getKey() + "\" : " + e.getValue()).collect(Collectors.joining(",\n"));
        entries.add("{ \"jmhVersion\" : \"1.37\", \"benchmark\" : \"" + benchmark + "\", \"mode\" : \"" + mode + "\", \"threads\" : 1, \"forks\" : 1,"
                + " \"jdkVersion\" : \"17.0.15\", \"params\" : { " + paramJson + " },"
                + " \"primaryMetric\" : " + metric(unit, samples) + ", \"secondaryMetrics\" : { " + sec + " } }");
        return this;
    }

    /** A metric object with score = mean, a rough error, and each sample as one fork of one iteration (forks are check's independent samples). */
    static String metric(String unit, double... samples) {
        double mean = Arrays.stream(samples).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(samples).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, samples.length - 1));
        String err = samples.length > 1 ? num(sd * 3) : "\"NaN\"";
        return "{ \"score\" : " + num(mean) + ", \"scoreError\" : " + err + ", \"scoreConfidence\" : [ 0, 0 ], \"scoreUnit\" : \"" + unit + "\","
                + " \"rawData\" : [ " + Arrays.stream(samples).mapToObj(v -> "[ " + num(v) + " ]").collect(Collectors.joining(", ")) + " ] }";
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.10g", v);
    }

    static double[] scaled(double[] values, double factor) {
        return Arrays.stream(values).map(v -> v * factor).toArray();
    }

    String json() {
        return "[\n" + String.join(",\n", entries) + "\n]\n";
    }

    Path write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
