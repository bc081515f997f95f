package org.llmbench.endpoint;

import org.llmbench.results.EndpointSlo;
import org.llmbench.results.EndpointStats;
import org.llmbench.results.EndpointSummary;
import org.llmbench.results.RequestRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Aggregates measured requests per endpoint × load level, then per prompt length and complexity.
 * Latency statistics are over successful requests; rates are Σ / active window (FIELD-NOTES:
 * never a mean of per-request rates); the peak is the most output tokens that arrived within one
 * whole second of the window (chunks placed by arrival time, each carrying its tokens).
 */
final class Summaries {
    private Summaries() {
    }

    /** One key per endpoint × level: "endpoint\u0000level". */
    static String key(String endpoint, String level) {
        return endpoint + "\u0000" + level;
    }

    static List<EndpointSummary> of(List<RequestRecord> measured, Map<String, ActiveWindow> windows, EndpointSlo slo) {
        Map<String, List<RequestRecord>> byLevel = measured.stream()
                .collect(Collectors.groupingBy(r -> key(r.endpoint(), r.level()), LinkedHashMap::new, Collectors.toList()));
        List<EndpointSummary> out = new ArrayList<>();
        byLevel.forEach((k, records) -> {
            ActiveWindow window = windows.getOrDefault(k, new ActiveWindow());
            out.add(summary(records, EndpointSummary.ALL, window, slo));
            groups(records, r -> "length=" + r.promptLength()).forEach((g, rs) -> out.add(summary(rs, g, null, slo)));
            groups(records, r -> "complexity=" + r.complexity()).forEach((g, rs) -> out.add(summary(rs, g, null, slo)));
        });
        return out;
    }

    /** Groups in a stable, readable order: short, medium, long / simple, moderate, complex first, then others by name. */
    private static Map<String, List<RequestRecord>> groups(List<RequestRecord> records, Function<RequestRecord, String> group) {
        List<String> known = List.of("short", "medium", "long", "simple", "moderate", "complex");
        Map<String, List<RequestRecord>> m = new TreeMap<>((a, b) -> {
            int ia = known.indexOf(a.substring(a.indexOf('=') + 1)), ib = known.indexOf(b.substring(b.indexOf('=') + 1));
            if (ia >= 0 || ib >= 0) return ia < 0 ? 1 : ib < 0 ? -1 : Integer.compare(ia, ib);
            return a.compareTo(b);
        });
        records.forEach(r -> m.computeIfAbsent(group.apply(r), g -> new ArrayList<>()).add(r));
        return m;
    }

    /** {@code window} null: a prompt group, which shares its level's time, so no rates. */
    static EndpointSummary summary(List<RequestRecord> records, String group, ActiveWindow window, EndpointSlo slo) {
        RequestRecord first = records.get(0);
        List<RequestRecord> ok = records.stream().filter(RequestRecord::ok).toList();
        Map<String, Long> errors = records.stream().filter(r -> !r.ok())
                .collect(Collectors.groupingBy(RequestRecord::errorClass, TreeMap::new, Collectors.counting()));
        long in = ok.stream().mapToLong(r -> Math.max(0, r.inputTokens())).sum();
        long outTokens = ok.stream().mapToLong(RequestRecord::outputTokens).sum();
        double windowS = window == null ? Double.NaN : window.totalMs() / 1000;
        long good = slo.isEmpty() ? 0 : ok.stream().filter(slo::met).count();
        boolean rates = window != null && windowS > 0;
        return new EndpointSummary(first.endpoint(), first.mode(), first.level(), group, records.size(), ok.size(),
                errors.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";")),
                stats(ok, RequestRecord::ttftMs), stats(ok, RequestRecord::tpotMs),
                EndpointStats.of(ok.stream().flatMapToDouble(r -> Arrays.stream(r.itlMs())).toArray()),
                stats(ok, RequestRecord::e2eMs), stats(records, RequestRecord::scheduleLagMs),
                windowS, in, outTokens,
                rates ? ok.size() / windowS : Double.NaN,
                rates ? outTokens / windowS : Double.NaN,
                rates ? (in + outTokens) / windowS : Double.NaN,
                rates ? peakOutputTokensPerSecond(ok, window) : Double.NaN,
                rates && !slo.isEmpty() ? good / windowS : Double.NaN,
                slo.isEmpty() ? Double.NaN : good / (double) records.size(),
                tokenSource(ok));
    }

    private static EndpointStats stats(List<RequestRecord> records, java.util.function.ToDoubleFunction<RequestRecord> f) {
        return EndpointStats.of(records.stream().mapToDouble(f).toArray());
    }

    /** Most output tokens that arrived within one whole 1-second bucket of the active window; NaN for a window under 1 s. */
    static double peakOutputTokensPerSecond(List<RequestRecord> ok, ActiveWindow window) {
        int buckets = (int) Math.floor(window.totalMs() / 1000);
        if (buckets < 1) return Double.NaN;
        double[] tokens = new double[buckets];
        for (RequestRecord r : ok) {
            double[] times = r.chunkTimesMs(), perChunk = r.tokensPerChunk();
            if (times.length == 0) {
                times = new double[]{r.endMs()}; // a whole answer: its tokens arrive at its end
                perChunk = new double[]{r.outputTokens()};
            }
            for (int i = 0; i < times.length; i++) {
                int b = (int) Math.floor(window.offsetMs(times[i]) / 1000);
                if (b < buckets) tokens[b] += perChunk[i];
            }
        }
        return Arrays.stream(tokens).max().orElse(Double.NaN);
    }

    private static String tokenSource(List<RequestRecord> ok) {
        boolean usage = ok.stream().anyMatch(r -> r.tokenSource().equals("usage")), chunks = ok.stream().anyMatch(r -> r.tokenSource().equals("chunks"));
        return usage && chunks ? "mixed" : usage ? "usage" : chunks ? "chunks" : "";
    }
}
