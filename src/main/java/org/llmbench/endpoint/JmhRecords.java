package org.llmbench.endpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.llmbench.results.EndpointMetric;
import org.llmbench.results.EndpointSlo;
import org.llmbench.results.EndpointStats;
import org.llmbench.results.RequestRecord;
import org.openjdk.jmh.util.ListStatistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * jmh.json for an endpoint run: one JMH-format record per endpoint × load level × metric, so
 * report, compare and check read it like any benchmark. check bootstraps over per-fork medians, so
 * each record carries honest sub-samples as its "forks":
 * <ul>
 * <li>latencies (single-shot mode, ms/op): the successful requests in send order, dealt round robin
 *     into up to 5 groups (request j to group j mod K, at least 2 requests a group), every request's
 *     value a shot; dealing spreads the prompt mix evenly over the groups, so a group's median
 *     estimates the run's. ITL gaps go to their request's group.</li>
 * <li>rates (throughput mode, …/s): the endpoint's active window cut into 5 equal time slices, each
 *     slice's Σ / slice length one value; the score is Σ / window.</li>
 * </ul>
 * Fewer than 4 successful requests give one group: reported, but check says "not assessable".
 * A group holds at most 10,000 values: beyond that, 10,000 evenly spaced quantiles stand for it.
 */
final class JmhRecords {
    static final int SUBSAMPLES = 5, MAX_VALUES = 10_000, PREFILL_PIECES = 8;

    private JmhRecords() {
    }

    /** The JSON array; {@code params} per endpoint name holds the params common to its records (model, prompts, ...). */
    static String json(List<RequestRecord> measured, Map<String, ActiveWindow> windows, Map<String, Map<String, String>> params, EndpointSlo slo) {
        JsonArray out = new JsonArray();
        Map<String, List<RequestRecord>> byLevel = measured.stream()
                .collect(Collectors.groupingBy(r -> Summaries.key(r.endpoint(), r.level()), LinkedHashMap::new, Collectors.toList()));
        byLevel.forEach((key, records) -> {
            RequestRecord first = records.get(0);
            Map<String, String> p = new LinkedHashMap<>(params.getOrDefault(first.endpoint(), Map.of()));
            p.put("endpoint", first.endpoint());
            p.put("mode", first.mode());
            p.put("level", first.level());
            List<RequestRecord> ok = records.stream().filter(RequestRecord::ok).sorted(Comparator.comparingDouble(RequestRecord::sentMs)).toList();
            int k = groups(ok.size());
            latency(out, EndpointMetric.TTFT, p, deal(ok, k, r -> new double[]{r.ttftMs()}));
            latency(out, EndpointMetric.TPOT, p, deal(ok, k, r -> new double[]{r.tpotMs()}));
            latency(out, EndpointMetric.ITL, p, deal(ok, k, RequestRecord::itlMs));
            latency(out, EndpointMetric.E2E, p, deal(ok, k, r -> new double[]{r.e2eMs()}));
            ActiveWindow window = windows.get(key);
            if (window != null && window.totalMs() > 0) {
                rate(out, EndpointMetric.REQUEST_THROUGHPUT, p, window, ok, r -> new double[][]{{r.endMs(), 1}});
                rate(out, EndpointMetric.OUTPUT_TOKENS, p, window, ok, JmhRecords::outputTokenArrivals);
                rate(out, EndpointMetric.TOTAL_TOKENS, p, window, ok, r -> {
                    double[][] o = outputTokenArrivals(r);
                    double[][] all = Arrays.copyOf(o, o.length + PREFILL_PIECES);
                    double start = r.sentMs(), end = Double.isFinite(r.ttftMs()) ? r.sentMs() + r.ttftMs() : r.endMs();
                    for (int i = 0; i < PREFILL_PIECES; i++) { // the prompt is processed between sending and the first token
                        all[o.length + i] = new double[]{start + (end - start) * (i + 0.5) / PREFILL_PIECES, Math.max(0, r.inputTokens()) / (double) PREFILL_PIECES};
                    }
                    return all;
                });
                if (!slo.isEmpty()) {
                    rate(out, EndpointMetric.GOODPUT, p, window, ok, r -> new double[][]{{r.endMs(), slo.met(r) ? 1 : 0}});
                }
            }
        });
        return new GsonBuilder().setPrettyPrinting().create().toJson(out);
    }

    static int groups(int successes) {
        return successes < 4 ? 1 : Math.min(SUBSAMPLES, successes / 2);
    }

    /** Values of request j into group j mod k; NaN values (no TTFT for a whole answer, no TPOT for one token) are left out. */
    static double[][] deal(List<RequestRecord> ok, int k, java.util.function.Function<RequestRecord, double[]> values) {
        List<List<Double>> g = new ArrayList<>();
        for (int i = 0; i < k; i++) g.add(new ArrayList<>());
        for (int j = 0; j < ok.size(); j++) {
            for (double v : values.apply(ok.get(j))) if (Double.isFinite(v)) g.get(j % k).add(v);
        }
        return g.stream().filter(l -> !l.isEmpty()).map(l -> l.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
    }

    /** [time ms, tokens] of each content chunk, or of the end for an answer that was not streamed. */
    private static double[][] outputTokenArrivals(RequestRecord r) {
        double[] t = r.chunkTimesMs(), n = r.tokensPerChunk();
        if (t.length == 0) return new double[][]{{r.endMs(), r.outputTokens()}};
        double[][] out = new double[t.length][];
        for (int i = 0; i < t.length; i++) out[i] = new double[]{t[i], n[i]};
        return out;
    }

    private static void latency(JsonArray out, EndpointMetric m, Map<String, String> params, double[][] groups) {
        if (groups.length == 0) return;
        double[] values = Arrays.stream(groups).flatMapToDouble(Arrays::stream).toArray();
        ListStatistics all = new ListStatistics(values);
        JsonArray raw = new JsonArray();
        for (double[] g : groups) raw.add(array(capped(g)));
        out.add(record(m, params, groups.length, Arrays.stream(groups).mapToInt(g -> g.length).max().orElse(0),
                all.getMean(), all.getN() > 1 ? all.getMeanErrorAt(0.999) : Double.NaN, values, raw));
    }

    private static void rate(JsonArray out, EndpointMetric m, Map<String, String> params, ActiveWindow window, List<RequestRecord> ok,
                             java.util.function.Function<RequestRecord, double[][]> arrivals) {
        double total = window.totalMs(), slice = total / SUBSAMPLES, sum = 0;
        double[] perSlice = new double[SUBSAMPLES];
        for (RequestRecord r : ok) {
            for (double[] a : arrivals.apply(r)) {
                int s = (int) Math.min(SUBSAMPLES - 1, Math.floor(window.offsetMs(a[0]) / slice));
                perSlice[s] += a[1];
                sum += a[1];
            }
        }
        JsonArray raw = new JsonArray();
        for (int s = 0; s < SUBSAMPLES; s++) {
            perSlice[s] /= slice / 1000;
            raw.add(array(new double[]{perSlice[s]}));
        }
        out.add(record(m, params, SUBSAMPLES, 1, sum / (total / 1000), new ListStatistics(perSlice).getMeanErrorAt(0.999), perSlice, raw));
    }

    private static JsonObject record(EndpointMetric m, Map<String, String> params, int forks, int iterations, double score, double error,
                                     double[] values, JsonArray raw) {
        JsonObject r = new JsonObject();
        r.addProperty("jmhVersion", "1.37");
        r.addProperty("benchmark", m.benchmark());
        r.addProperty("mode", m.jmhMode());
        r.addProperty("threads", 1);
        r.addProperty("forks", forks);
        r.addProperty("jvm", "");
        r.add("jvmArgs", new JsonArray());
        r.addProperty("jdkVersion", System.getProperty("java.version"));
        r.addProperty("vmName", System.getProperty("java.vm.name"));
        r.addProperty("vmVersion", System.getProperty("java.vm.version"));
        r.addProperty("warmupIterations", 0);
        r.addProperty("warmupTime", "0 s");
        r.addProperty("warmupBatchSize", 1);
        r.addProperty("measurementIterations", iterations);
        r.addProperty("measurementTime", m.isLatency() ? "single-shot" : "1/" + SUBSAMPLES + " of the window");
        r.addProperty("measurementBatchSize", 1);
        JsonObject p = new JsonObject();
        params.forEach(p::addProperty);
        r.add("params", p);
        JsonObject primary = new JsonObject();
        number(primary, "score", score);
        number(primary, "scoreError", error);
        JsonArray confidence = new JsonArray();
        confidence.add(finiteOrString(score - error));
        confidence.add(finiteOrString(score + error));
        primary.add("scoreConfidence", confidence);
        JsonObject percentiles = new JsonObject();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double q : new double[]{0, 50, 90, 95, 99, 99.9, 100}) number(percentiles, String.valueOf(q), EndpointStats.percentile(sorted, q));
        primary.add("scorePercentiles", percentiles);
        primary.addProperty("scoreUnit", m.unit);
        primary.add("rawData", raw);
        r.add("primaryMetric", primary);
        r.add("secondaryMetrics", new JsonObject());
        return r;
    }

    /** At most MAX_VALUES values: evenly spaced quantiles of the group beyond that (its median and spread survive). */
    static double[] capped(double[] values) {
        if (values.length <= MAX_VALUES) return values;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] out = new double[MAX_VALUES];
        for (int i = 0; i < MAX_VALUES; i++) out[i] = EndpointStats.percentile(sorted, 100.0 * i / (MAX_VALUES - 1));
        return out;
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray(values.length);
        for (double v : values) a.add(Math.round(v * 1e6) / 1e6);
        return a;
    }

    /** JMH writes non-finite numbers as the strings "NaN", "+INF", "-INF". */
    private static void number(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) o.addProperty(key, v);
        else o.addProperty(key, Double.isNaN(v) ? "NaN" : v > 0 ? "+INF" : "-INF");
    }

    private static com.google.gson.JsonElement finiteOrString(double v) {
        JsonObject holder = new JsonObject();
        number(holder, "v", v);
        return holder.get("v");
    }
}
