package org.llmbench.report;

import org.llmbench.results.BenchmarkKind;
import org.llmbench.results.TelemetryQuantity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * report.csv: one row per result, RFC 4180 quoting, numbers at full precision (they parse back
 * to the same doubles), empty cells for "not measured". Every secondary metric gets its own
 * column named "label [unit]".
 */
public final class CsvReport {
    static final List<String> FIXED = List.of("source", "benchmark", "mode", "model", "quant", "backend", "batch", "promptLen", "genLen",
            "otherParams", "score", "scoreError", "unit", "samples", "ttftMillis", "prefillTokensPerSecond", "decodeTokensPerSecond",
            "decodeTokensPerSecondError", "tpotMillis", "weightBandwidthBytesPerSecond", "loadMillis", "weightBytes", "kvCacheBytes", "allocBytesPerOp",
            "powerWatts", "energyJoules", "temperatureCelsius", "memoryBytes", "tokensPerJoule");

    private CsvReport() {
    }

    public static String render(List<LlmRow> rows) {
        Set<String> secondary = new LinkedHashSet<>();
        rows.forEach(r -> r.result.secondary().forEach((k, m) -> secondary.add(k + " [" + m.unit() + "]")));
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(FIXED);
        header.addAll(secondary);
        line(csv, header);
        for (LlmRow r : rows) {
            JmhResult x = r.result;
            Map<String, String> other = new TreeMap<>(x.params());
            List.of("model", "quant", "backend", "batch", "promptLen", "genLen").forEach(other::remove);
            List<String> cells = new ArrayList<>(List.of(x.source(), x.benchmark(), x.mode(), r.model, r.quant, r.backend,
                    x.params().getOrDefault("batch", ""), x.params().getOrDefault("promptLen", ""), x.params().getOrDefault("genLen", ""),
                    other.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";")),
                    n(x.primary().score()), n(x.primary().error()), x.primary().unit(), String.valueOf(x.primary().samples().length),
                    n(r.ttftMillis), n(r.prefillTokensPerSecond), n(r.decodeTokensPerSecond), n(r.decodeErrorTokensPerSecond), n(r.tpotMillis),
                    n(r.weightBandwidthBytesPerSecond), n(r.loadMillis), n(r.weightBytes), n(r.kvCacheBytes), n(r.allocBytesPerOp),
                    t(r, TelemetryQuantity.POWER), t(r, TelemetryQuantity.ENERGY), t(r, TelemetryQuantity.TEMPERATURE), t(r, TelemetryQuantity.MEMORY),
                    t(r, TelemetryQuantity.TOKENS_PER_JOULE)));
            for (String col : secondary) {
                Metric m = x.secondary().entrySet().stream().filter(e -> (e.getKey() + " [" + e.getValue().unit() + "]").equals(col))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                cells.add(m == null ? "" : n(m.score()));
            }
            line(csv, cells);
        }
        return csv.toString();
    }

    private static String t(LlmRow r, TelemetryQuantity k) {
        return n(r.telemetry.getOrDefault(k, Double.NaN));
    }

    /** Full precision; NaN (not measured) as an empty cell, infinities as JMH writes them. */
    static String n(double v) {
        if (Double.isNaN(v)) return "";
        if (Double.isInfinite(v)) return v > 0 ? "+INF" : "-INF";
        return Double.toString(v);
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) csv.append(',');
            String c = cells.get(i) == null ? "" : cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) c = '"' + c.replace("\"", "\"\"") + '"';
            csv.append(c);
        }
        csv.append("\r\n");
    }
}
