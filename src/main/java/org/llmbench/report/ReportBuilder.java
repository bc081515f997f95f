package org.llmbench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Builds the report document (report.md / report.html) from the analysed results. */
public final class ReportBuilder {
    private final ResultSet set;
    private final List<LlmRow> rows;
    private final List<BatchScaling.Series> scaling;
    private final Findings findings;
    private final Double pricePerHour;
    private final Doc doc = new Doc();

    public ReportBuilder(ResultSet set, List<LlmRow> rows, List<BatchScaling.Series> scaling, Findings findings, Double pricePerHour) {
        this.set = set;
        this.rows = rows;
        this.scaling = scaling;
        this.findings = findings;
        this.pricePerHour = pricePerHour;
    }

    /** The document; {@code charts} maps chart file names to titles, in display order. */
    public Doc build(Map<String, String> charts) {
        doc.h(1, "llmbench report");
        doc.p("Generated " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + " from "
                + set.sources.stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")) + ".");
        summary();
        highlights();
        environment();
        perModel();
        batchScaling();
        memory();
        power();
        quantTradeoff();
        cost();
        doc.h(2, "Recommendations");
        if (findings.recommendations.isEmpty()) doc.p("No LLM benchmark results to draw recommendations from.");
        doc.bullets(findings.recommendations);
        other();
        if (!charts.isEmpty()) {
            doc.h(2, "Charts");
            charts.forEach((file, title) -> doc.image(title, file));
        }
        doc.h(2, "Definitions");
        doc.bullets(List.of(
                "TTFT = time from prefill start to the first generated token (PrefillBenchmark: prefill of promptLen tokens for every batch row plus sampling), JMH mean per operation.",
                "Prefill tokens/s = batch · promptLen / TTFT; decode tokens/s (batch B) = B · genLen · decode ops/s (JMH's `tokens` counter). Both are Σtokens/Σtime over the measured iterations.",
                "TPOT = time per output token of one sequence = B / decode tokens/s (each decode step yields one token per row).",
                "Weight GB/s = achieved weight bandwidth of decode (JMH's `weightBytes` counter: weight bytes read per step · steps/s, GB = 1e9 bytes); compare it with the machine's memory bandwidth (`sysinfo`).",
                "η(B) = tokens/s(B) / (B · tokens/s(1)); tokens per joule = tokens/s ÷ W (or the telemetry's own tokens/J).",
                "± is JMH's 99.9% confidence half-width over measurement iterations (— when it cannot be computed, e.g. one iteration).",
                "Weight bytes are computed from the model shape and the quant's exact block layout (org.llmbench.weights.StoragePlan); KV cache = 2 · layers · batch · (promptLen + genLen) · kvDim · 4 bytes (fp32)."));
        if (!set.notes.isEmpty()) {
            doc.h(2, "Skipped input");
            doc.bullets(set.notes);
        }
        return doc;
    }

    private List<LlmRow> llm() {
        return rows.stream().filter(LlmRow::isLlm).toList();
    }

    private void summary() {
        doc.h(2, "Executive summary");
        List<LlmRow> llm = llm();
        Set<String> models = new LinkedHashSet<>(), quants = new LinkedHashSet<>();
        Set<Integer> batches = new TreeSet<>();
        llm.forEach(r -> {
            models.add(r.model);
            if (!r.quant.isEmpty()) quants.add(r.quant);
            if (r.batch > 0) batches.add(r.batch);
        });
        List<String> s = new ArrayList<>();
        s.add(rows.size() + " results from " + set.sources.size() + " file(s); " + llm.size() + " LLM results"
                + (models.isEmpty() ? "" : " over models " + String.join(", ", models) + ", quants " + String.join(", ", quants)
                + ", batch sizes " + batches.stream().map(String::valueOf).collect(Collectors.joining(", "))) + ".");
        for (Findings.Highlight h : findings.highlights) {
            if (h.title().startsWith("Highest decode") || h.title().startsWith("Lowest TTFT")) {
                s.add(h.title() + ": **" + h.config() + "**, " + Fmt.num(h.value()) + " " + h.unit() + ".");
            }
        }
        set.environments.values().stream().findFirst().ifPresent(env -> {
            JsonObject m = env.has("machine") && env.get("machine").isJsonObject() ? env.getAsJsonObject("machine") : null;
            if (m != null) {
                s.add("Measured on " + str(m, "cpuModel") + " (" + str(m, "cores") + " cores), " + str(m, "jdk") + " " + str(m, "jdkVendor") + ".");
            }
            if (env.has("weights")) s.add("Weights: " + str(env, "weights") + ".");
        });
        long noisy = rows.stream().filter(r -> r.result.primary().relativeError() > Findings.NOISY).count();
        if (noisy > 0) s.add("**" + noisy + " result(s) are noisy** (error > " + Fmt.num(Findings.NOISY * 100) + "% of the score): treat their differences with care.");
        doc.bullets(s);
    }

    private void highlights() {
        doc.h(2, "Highlights");
        doc.bullets(findings.highlights.stream().map(h -> h.title() + ": **" + h.config() + "** — "
                + (h.unit().equals("bytes") ? Fmt.mib(h.value()) : Fmt.num(h.value()) + " " + h.unit())).toList());
        if (!findings.missing.isEmpty()) doc.p("Not measured in these results: " + String.join("; ", findings.missing) + ".");
    }

    private void environment() {
        if (set.environments.isEmpty()) {
            Set<String> jdks = rows.stream().map(r -> r.result.jdkVersion()).filter(j -> j != null).collect(Collectors.toCollection(TreeSet::new));
            doc.h(2, "Environment");
            doc.p("No env.json next to the results (not a session folder written by llmbench); JDK from the JMH JSON: "
                    + (jdks.isEmpty() ? "unknown" : String.join(", ", jdks)) + ".");
            return;
        }
        doc.h(2, "Environment");
        List<List<String>> t = new ArrayList<>();
        set.environments.forEach((file, env) -> {
            for (Map.Entry<String, JsonElement> e : env.entrySet()) {
                if (e.getValue().isJsonObject()) {
                    e.getValue().getAsJsonObject().entrySet().forEach(x -> t.add(List.of(file, e.getKey() + "." + x.getKey(), plain(x.getValue()))));
                } else {
                    t.add(List.of(file, e.getKey(), plain(e.getValue())));
                }
            }
        });
        doc.table(List.of("results", "key", "value"), t);
    }

    private void perModel() {
        Map<String, List<LlmRow>> byModel = new LinkedHashMap<>();
        llm().forEach(r -> byModel.computeIfAbsent(r.model, k -> new ArrayList<>()).add(r));
        if (byModel.isEmpty()) return;
        doc.h(2, "Results per model");
        byModel.forEach((model, list) -> {
            doc.h(3, model);
            List<List<String>> t = new ArrayList<>();
            for (LlmRow r : list) {
                Metric p = r.result.primary();
                t.add(List.of(r.result.shortName(), r.quant, r.backend, intOr(r.batch), intOr(r.promptLen), intOr(r.genLen),
                        Fmt.pm(p.score(), p.error()) + " " + p.unit(), Fmt.pm(r.ttftMillis, r.ttftErrorMillis), Fmt.num(r.prefillTokensPerSecond),
                        Fmt.pm(r.decodeTokensPerSecond, r.decodeErrorTokensPerSecond), Fmt.num(r.tpotMillis),
                        Fmt.num(r.weightBandwidthBytesPerSecond / 1e9), Fmt.pm(r.loadMillis, r.loadErrorMillis)));
            }
            doc.table(List.of("benchmark", "quant", "backend", "batch", "promptLen", "genLen", "JMH score", "TTFT ms",
                    "prefill tokens/s", "decode tokens/s", "TPOT ms", "weight GB/s", "load ms"), t);
        });
    }

    private void batchScaling() {
        doc.h(2, "Batch scaling");
        if (scaling.isEmpty()) {
            doc.p("Not measured: batch scaling needs results at batch 1 and at least one larger batch of the same configuration.");
            return;
        }
        doc.p("η(B) = tokens/s(B) / (B · tokens/s(1)): 1.0 is perfect scaling; a memory-bound decode step gains from batching because the weights are read once per step for all rows.");
        List<List<String>> t = new ArrayList<>();
        for (BatchScaling.Series s : scaling) {
            for (BatchScaling.Point p : s.points()) {
                t.add(List.of(s.name(), String.valueOf(p.batch()), Fmt.num(p.tokensPerSecond()), Fmt.num(p.efficiency())));
            }
        }
        doc.table(List.of("series", "batch", "tokens/s", "η"), t);
    }

    private void memory() {
        doc.h(2, "Memory");
        Set<String> models = new LinkedHashSet<>(), measured = new LinkedHashSet<>();
        llm().stream().filter(r -> Double.isFinite(r.weightBytes)).forEach(r -> {
            models.add(r.model);
            measured.add(r.model + " " + r.quant);
        });
        if (models.isEmpty()) {
            doc.p("No registry models in these results: weight sizes cannot be computed.");
        } else {
            List<List<String>> w = new ArrayList<>();
            for (String model : models) {
                org.llmbench.model.ModelSpec spec = org.llmbench.model.ModelRegistry.get(model);
                double fp32 = org.llmbench.weights.StoragePlan.weightBytes(spec, org.llmbench.quant.Quant.FP32);
                for (org.llmbench.quant.Quant q : org.llmbench.quant.Quant.values()) {
                    double bytes = org.llmbench.weights.StoragePlan.weightBytes(spec, q);
                    w.add(List.of(model, q.id(), Fmt.mib(bytes), Fmt.num(bytes / fp32 * 100) + "%", measured.contains(model + " " + q.id()) ? "yes" : "no"));
                }
            }
            doc.p("Weight bytes computed from each model's tensor shapes and the quant's exact storage (blocks and scales included), for every quant; "
                    + "\"benchmarked\" marks the quants these results measured.");
            doc.table(List.of("model", "quant", "weights", "of fp32", "benchmarked"), w);
        }
        List<List<String>> t = new ArrayList<>();
        for (LlmRow r : llm()) {
            if (Double.isFinite(r.kvCacheBytes) || Double.isFinite(r.allocBytesPerOp) || r.telemetry.containsKey(TelemetryKind.MEMORY)) {
                t.add(List.of(r.result.shortName(), r.label(), Fmt.mib(r.kvCacheBytes), Fmt.num(r.allocBytesPerOp),
                        Fmt.mib(r.telemetry.getOrDefault(TelemetryKind.MEMORY, Double.NaN))));
            }
        }
        if (!t.isEmpty()) {
            Set<String> memLabels = new TreeSet<>();
            llm().forEach(r -> {
                if (r.telemetryLabel.containsKey(TelemetryKind.MEMORY)) memLabels.add("`" + r.telemetryLabel.get(TelemetryKind.MEMORY) + "`");
            });
            doc.p("KV cache is computed (fp32, promptLen + genLen positions); allocation per operation comes from JMH's gc profiler (-prof gc), "
                    + "measured memory from the telemetry profiler (-prof llm" + (memLabels.isEmpty() ? "" : ": " + String.join(", ", memLabels)) + ").");
            doc.table(List.of("benchmark", "configuration", "KV cache", "heap alloc B/op", "measured memory"), t);
        }
    }

    private void power() {
        doc.h(2, "Power and thermal");
        List<LlmRow> withTelemetry = rows.stream().filter(r -> r.telemetry.keySet().stream().anyMatch(k -> k != TelemetryKind.MEMORY)).toList();
        if (withTelemetry.isEmpty()) {
            doc.p("Not measured: these results carry no power, energy or temperature metrics (they come from the telemetry profiler, -prof llm, on machines where NVML or RAPL is readable).");
            return;
        }
        List<List<String>> t = new ArrayList<>();
        for (LlmRow r : withTelemetry) {
            t.add(List.of(r.result.shortName(), r.label(), Fmt.num(tel(r, TelemetryKind.POWER)), Fmt.num(tel(r, TelemetryKind.ENERGY)),
                    Fmt.num(tel(r, TelemetryKind.TEMPERATURE)), Fmt.num(tel(r, TelemetryKind.TOKENS_PER_JOULE)),
                    Fmt.num(Double.isFinite(tel(r, TelemetryKind.TOKENS_PER_JOULE)) ? 1 / tel(r, TelemetryKind.TOKENS_PER_JOULE) : Double.NaN)));
        }
        doc.table(List.of("benchmark", "configuration", "power W", "energy J", "temperature °C", "tokens/J", "J/token"), t);
        Set<String> labels = new TreeSet<>();
        withTelemetry.forEach(r -> r.telemetryLabel.forEach((k, l) -> labels.add(k.title + " ← `" + l + "`")));
        doc.p("Metrics recognised by unit and label: " + String.join(", ", labels) + ".");
    }

    private static double tel(LlmRow r, TelemetryKind k) {
        return r.telemetry.getOrDefault(k, Double.NaN);
    }

    private void quantTradeoff() {
        doc.h(2, "Quantization trade-off");
        Map<String, Map<String, LlmRow>> decode = new LinkedHashMap<>(), prefill = new LinkedHashMap<>();
        for (LlmRow r : llm().stream().sorted(Comparator.comparingInt(x -> x.batch)).toList()) {
            Map<String, Map<String, LlmRow>> target = r.kind == LlmRow.Kind.DECODE ? decode : r.kind == LlmRow.Kind.PREFILL ? prefill : null;
            if (target != null) target.computeIfAbsent(r.model, k -> new LinkedHashMap<>()).putIfAbsent(r.quant, r); // smallest batch
        }
        Set<String> models = new LinkedHashSet<>(decode.keySet());
        models.addAll(prefill.keySet());
        set.quality.forEach(q -> models.add(q.model()));
        List<List<String>> t = new ArrayList<>();
        for (String model : models) {
            Set<String> quants = new LinkedHashSet<>();
            quants.addAll(decode.getOrDefault(model, Map.of()).keySet());
            quants.addAll(prefill.getOrDefault(model, Map.of()).keySet());
            set.quality.stream().filter(q -> q.model().equals(model)).forEach(q -> quants.add(q.quant()));
            LlmRow fp32 = decode.getOrDefault(model, Map.of()).get("fp32");
            for (String quant : quants) {
                LlmRow d = decode.getOrDefault(model, Map.of()).get(quant), p = prefill.getOrDefault(model, Map.of()).get(quant);
                QualityRow q = set.quality(model, quant);
                double tps = d == null ? Double.NaN : d.decodeTokensPerSecond;
                double weights = d != null ? d.weightBytes : p != null ? p.weightBytes : Double.NaN;
                t.add(List.of(model, quant, d == null ? Fmt.NONE : Fmt.num(tps) + " (b" + d.batch + ")",
                        fp32 == null || d == null ? Fmt.NONE : Fmt.num(tps / fp32.decodeTokensPerSecond) + "×",
                        p == null ? Fmt.NONE : Fmt.num(p.ttftMillis) + " (b" + p.batch + ")", Fmt.mib(weights),
                        q == null ? Fmt.NONE : Fmt.num(nan(q.weightRmse())), q == null ? Fmt.NONE : Fmt.num(nan(q.logitsCosine())),
                        q == null ? Fmt.NONE : Fmt.num(nan(q.klDivergence())), q == null || q.top1Agreement() == null ? Fmt.NONE : Fmt.num(q.top1Agreement() * 100) + "%"));
            }
        }
        if (t.isEmpty()) {
            doc.p("No LLM results.");
            return;
        }
        doc.p("Speed at the smallest batch measured, memory computed, quality from quality.json"
                + (set.quality.isEmpty() ? " (not present: quality columns are empty)" : "") + ".");
        doc.table(List.of("model", "quant", "decode tokens/s", "vs fp32", "TTFT ms", "weights", "weight RMSE", "logits cosine", "KL divergence", "top-1 agreement"), t);
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    private void cost() {
        doc.h(2, "Cost per 1M tokens");
        List<LlmRow> decode = llm().stream().filter(r -> Double.isFinite(r.decodeTokensPerSecond))
                .sorted(Comparator.comparingDouble((LlmRow r) -> r.decodeTokensPerSecond).reversed()).limit(10).toList();
        if (decode.isEmpty()) {
            doc.p("Not computed: no decode throughput in these results.");
            return;
        }
        doc.p("Cost per 1M tokens = price per hour / (decode tokens/s · 3600) · 1e6, at the decode throughput measured here. "
                + "The instance columns are what-ifs: the price of that instance applied to this throughput (" + InstancePrices.SOURCE + "); "
                + "a GPU's own throughput differs, so benchmark on it before deciding.");
        List<String> header = new ArrayList<>(List.of("configuration", "decode tokens/s"));
        if (pricePerHour != null) header.add("at " + Fmt.usd(pricePerHour) + "/h");
        InstancePrices.ALL.forEach(i -> header.add(i.name() + " (" + Fmt.usd(i.usdPerHour()) + "/h)"));
        List<List<String>> t = new ArrayList<>();
        for (LlmRow r : decode) {
            List<String> row = new ArrayList<>(List.of(r.label(), Fmt.num(r.decodeTokensPerSecond)));
            if (pricePerHour != null) row.add(Fmt.usd(InstancePrices.costPerMillionTokens(pricePerHour, r.decodeTokensPerSecond)));
            InstancePrices.ALL.forEach(i -> row.add(Fmt.usd(InstancePrices.costPerMillionTokens(i.usdPerHour(), r.decodeTokensPerSecond))));
            t.add(row);
        }
        doc.table(header, t);
        doc.p("Instances: " + InstancePrices.ALL.stream().map(i -> i.name() + " = " + i.gpu()).collect(Collectors.joining("; ")) + ".");
    }

    private void other() {
        List<LlmRow> other = rows.stream().filter(r -> !r.isLlm()).toList();
        if (other.isEmpty()) return;
        doc.h(2, "Other benchmarks");
        List<List<String>> t = new ArrayList<>();
        for (LlmRow r : other) {
            JmhResult x = r.result;
            String params = new java.util.TreeMap<>(x.params()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            String sec = x.secondary().entrySet().stream().map(e -> e.getKey() + " " + Fmt.pm(e.getValue().score(), e.getValue().error()) + " " + e.getValue().unit())
                    .collect(Collectors.joining("; "));
            t.add(List.of(x.shortName(), x.mode(), params, Fmt.pm(x.primary().score(), x.primary().error()), x.primary().unit(),
                    String.valueOf(x.primary().samples().length), sec));
        }
        doc.table(List.of("benchmark", "mode", "params", "score", "unit", "samples", "secondary metrics"), t);
    }

    private static String intOr(int v) {
        return v < 0 ? Fmt.NONE : String.valueOf(v);
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) ? plain(o.get(key)) : "?";
    }

    private static String plain(JsonElement e) {
        if (e == null || e.isJsonNull()) return Fmt.NONE;
        if (e.isJsonPrimitive()) return e.getAsString();
        if (e.isJsonObject()) { // e.g. env.json's weights: model -> origin
            return e.getAsJsonObject().entrySet().stream().map(x -> x.getKey() + " — " + plain(x.getValue()))
                    .collect(java.util.stream.Collectors.joining("; "));
        }
        return e.toString();
    }
}
