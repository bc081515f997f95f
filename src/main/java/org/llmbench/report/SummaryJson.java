package org.llmbench.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.llmbench.results.FailedConfiguration;

import java.util.List;
import java.util.Map;

/**
 * summary.json: the same facts as report.md for programs — sources, environments, highlights,
 * recommendations, batch scaling and one entry per result with its derived metrics.
 * "Not measured" is null; values carry their unit in the key (ttftMillis, weightBytes).
 */
public final class SummaryJson {
    private SummaryJson() {
    }

    public static String render(ResultSet set, List<LlmRow> rows, List<BatchScaling.Series> scaling, Findings findings) {
        JsonObject root = new JsonObject();
        JsonArray sources = new JsonArray();
        set.sources.forEach(p -> sources.add(p.toString()));
        root.add("sources", sources);
        JsonObject envs = new JsonObject();
        set.environments.forEach(envs::add);
        root.add("environments", envs);
        JsonArray hl = new JsonArray();
        for (Findings.Highlight h : findings.highlights) {
            JsonObject o = new JsonObject();
            o.addProperty("title", h.title());
            o.addProperty("config", h.config());
            o.add("value", num(h.value()));
            o.addProperty("unit", h.unit());
            hl.add(o);
        }
        root.add("highlights", hl);
        JsonArray failed = new JsonArray();
        for (FailedConfiguration fc : set.failures) {
            JsonObject o = new JsonObject();
            o.addProperty("benchmark", fc.benchmark());
            JsonObject params = new JsonObject();
            fc.params().forEach(params::addProperty);
            o.add("params", params);
            o.addProperty("reason", fc.reason());
            failed.add(o);
        }
        root.add("failedOrSkipped", failed);
        root.add("notMeasured", strings(findings.missing));
        root.add("recommendations", strings(findings.recommendations));
        JsonArray bs = new JsonArray();
        for (BatchScaling.Series s : scaling) {
            JsonObject o = new JsonObject();
            o.addProperty("series", s.name());
            JsonArray pts = new JsonArray();
            s.points().forEach(p -> {
                JsonObject q = new JsonObject();
                q.addProperty("batch", p.batch());
                q.add("tokensPerSecond", num(p.tokensPerSecond()));
                q.add("efficiency", num(p.efficiency()));
                pts.add(q);
            });
            o.add("points", pts);
            bs.add(o);
        }
        root.add("batchScaling", bs);
        JsonArray results = new JsonArray();
        for (LlmRow r : rows) {
            JsonObject o = new JsonObject();
            JmhResult x = r.result;
            o.addProperty("source", x.source());
            o.addProperty("benchmark", x.benchmark());
            o.addProperty("mode", x.mode());
            o.addProperty("kind", r.kind.name().toLowerCase(java.util.Locale.ROOT));
            JsonObject params = new JsonObject();
            x.params().forEach(params::addProperty);
            o.add("params", params);
            o.add("score", num(x.primary().score()));
            o.add("scoreError", num(x.primary().error()));
            o.addProperty("unit", x.primary().unit());
            o.addProperty("samples", x.primary().samples().length);
            o.add("ttftMillis", num(r.ttftMillis));
            o.add("prefillTokensPerSecond", num(r.prefillTokensPerSecond));
            o.add("decodeTokensPerSecond", num(r.decodeTokensPerSecond));
            o.add("tpotMillis", num(r.tpotMillis));
            o.add("weightBandwidthBytesPerSecond", num(r.weightBandwidthBytesPerSecond));
            o.add("loadMillis", num(r.loadMillis));
            o.add("gflopsPerSecond", num(r.gflopsPerSecond));
            o.add("weightBytes", num(r.weightBytes));
            o.add("kvCacheBytes", num(r.kvCacheBytes));
            JsonObject tel = new JsonObject();
            r.telemetry.forEach((k, v) -> tel.add(k.name().toLowerCase() + " [" + k.unit + "]", num(v)));
            o.add("telemetry", tel);
            JsonObject sec = new JsonObject();
            for (Map.Entry<String, Metric> e : x.secondary().entrySet()) {
                JsonObject m = new JsonObject();
                m.add("score", num(e.getValue().score()));
                m.add("scoreError", num(e.getValue().error()));
                m.addProperty("unit", e.getValue().unit());
                sec.add(e.getKey(), m);
            }
            o.add("secondary", sec);
            QualityRow q = set.quality(r.model, r.quant);
            if (q != null) o.add("quality", JmhJsonReader.GSON.toJsonTree(q));
            results.add(o);
        }
        root.add("results", results);
        root.add("skipped", strings(set.notes));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(root);
    }

    private static JsonElement num(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    private static JsonArray strings(List<String> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }
}
