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
 * each record carries honest sub-samples as its "forks": the successful requests in send order,
 * dealt round robin into up to 5 groups (request j to group j mod K, at least 2 requests a group).
 * Dealing spreads the prompt mix evenly, so each group estimates the whole run.
 * <ul>
 * <li>latencies (single-shot mode, ms/op): every request's value is a shot of its group (ITL: every
 *     gap); the group's median estimates the run's.</li>
 * <li>rates (throughput mode, …/s): the score is Σ / window; a group's value is the rate the run
 *     would have had if every request were like the group's (n × the group's mean / window).
 *     Total tokens/s is not a record: its input part is fixed by the prompt set.</li>
 * </ul>
 * Time slices were tried first and dropped: prompts run in suite order, so slices differ by prompt
 * mix (short prompts first), which made a run disagree with itself. Fewer than 4 successful requests
 * give one group: reported, but check says "not assessed". A group holds at most 10,000 values:
 * beyond that, 10,000 evenly spaced quantiles stand for it.
 */
final class JmhRecords {
    static final int SUBSAMPLES = 5, MAX_VALUES = 10_000;

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
                double seconds = window.totalMs() / 1000;
                rate(out, EndpointMetric.REQUEST_THROUGHPUT, p, seconds, ok, k, r -> 1);
                rate(out, EndpointMetric.OUTPUT_TOKENS, p, seconds, ok, k, RequestRecord::outputTokens);
                if (!slo.isEmpty()) rate(out, EndpointMetric.GOODPUT, p, seconds, ok, k, r -> slo.met(r) ? 1 : 0);
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

    private static void latency(JsonArray out, EndpointMetric m, Map<String, String> params, double[][] groups) {
        if (groups.length == 0) return;
        double[] values = Arrays.stream(groups).flatMapToDouble(Arrays::stream).toArray();
        ListStatistics all = new ListStatistics(values);
        JsonArray raw = new JsonArray();
        for (double[] g : groups) raw.add(array(capped(g)));
        out.add(record(m, params, groups.length, Arrays.stream(groups).mapToInt(g -> g.length).max().orElse(0),
                all.getMean(), all.getN() > 1 ? all.getMeanErrorAt(0.999) : Double.NaN, values, raw));
    }

    /**
     * A rate: the score is Σ amount / window; group g's value is the rate the run would have had if
     * every request were like group g's: n × mean over g of the amount / window.
     */
    private static void rate(JsonArray out, EndpointMetric m, Map<String, String> params, double windowSeconds, List<RequestRecord> ok, int k,
                             java.util.function.ToDoubleFunction<RequestRecord> amount) {
        double total = ok.stream().mapToDouble(amount).sum();
        double[][] groups = deal(ok, k, r -> new double[]{amount.applyAsDouble(r)});
        double[] perGroup = new double[groups.length];
        JsonArray raw = new JsonArray();
        for (int g = 0; g < groups.length; g++) {
            perGroup[g] = ok.size() * Arrays.stream(groups[g]).average().orElse(0) / windowSeconds;
            raw.add(array(new double[]{perGroup[g]}));
        }
        if (groups.length == 0) {
            perGroup = new double[]{0}; // nothing succeeded: a rate of zero, not assessable
            raw.add(array(perGroup));
        }
        out.add(record(m, params, perGroup.length, 1, total / windowSeconds,
                perGroup.length > 1 ? new ListStatistics(perGroup).getMeanErrorAt(0.999) : Double.NaN, perGroup, raw));
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
