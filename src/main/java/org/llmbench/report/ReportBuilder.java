package org.llmbench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.llmbench.results.BenchmarkKind;
import org.llmbench.results.FailedConfiguration;
import org.llmbench.results.Measure;
import org.llmbench.results.Roofline;
import org.llmbench.results.RunEnvironment;
import org.llmbench.results.TelemetryQuantity;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Builds the report document (report.md / report.html) from the results folder's contents only. */
public final class ReportBuilder {
    private final ResultSet set;
    private final List<LlmRow> rows;
    private final List<BatchScaling.Series> scaling;
    private final Findings findings;
    private final ReportOptions options;
    private final Doc doc = new Doc();

    public ReportBuilder(ResultSet set, List<LlmRow> rows, List<BatchScaling.Series> scaling, Findings findings, ReportOptions options) {
        this.set = set;
        this.rows = rows;
        this.scaling = scaling;
        this.findings = findings;
        this.options = options;
    }

    /**
     * The document; {@code charts} maps chart file names to titles, in display order, and
     * {@code chartNotes} says which charts were left out and why.
     */
    public Doc build(Map<String, String> charts, List<String> chartNotes) {
        doc.h(1, "llmbench report");
        doc.p("Generated " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + " from "
                + set.sources.stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")) + ".");
        summary();
        failures();
        highlights();
        environment();
        perModel();
        kernels();
        matmul();
        batchScaling();
        memory();
        power();
        quantTradeoff();
        cost();
        doc.h(2, "Recommendations");
        if (findings.recommendations.isEmpty()) doc.p("No LLM benchmark results to draw recommendations from.");
        doc.bullets(findings.recommendations);
        other();
        if (!charts.isEmpty() || !chartNotes.isEmpty()) {
            doc.h(2, "Charts");
            charts.forEach((file, title) -> doc.image(title, file));
            if (!chartNotes.isEmpty()) {
                doc.p("About the charts (what is not drawn, and why):");
                doc.bullets(chartNotes);
            }
        }
        doc.h(2, "Definitions");
        List<String> defs = new ArrayList<>();
        for (Measure m : Measure.values()) defs.add(m.definition);
        defs.add("η(B) = tokens/s(B) / (B · tokens/s(1)); tokens per joule = tokens/s ÷ W (or the telemetry's own tokens/J).");
        defs.add("± is JMH's 99.9% confidence half-width over measurement iterations (— when it cannot be computed, e.g. one iteration).");
        defs.add("Weight and KV-cache bytes are what each configuration held when it ran, as its benchmark recorded them (configurations/ in the session folder).");
        doc.bullets(defs);
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
                + (batches.isEmpty() ? "" : ", batch sizes " + batches.stream().map(String::valueOf).collect(Collectors.joining(", ")))) + ".");
        if (!set.failures.isEmpty()) {
            s.add("**" + set.failures.size() + " configuration(s) failed or were skipped** (see \"Failed or skipped\").");
        }
        for (Findings.Highlight h : findings.highlights) {
            if (h.title().startsWith("Highest decode") || h.title().startsWith("Lowest TTFT")) {
                s.add(h.title() + ": **" + h.config() + "**, " + Fmt.num(h.value()) + " " + h.unit() + ".");
            }
        }
        set.runs.values().stream().findFirst().ifPresent(env -> {
            if (env.machine() != null) {
                s.add("Measured on " + env.machine().cpuModel() + " (" + env.machine().cores() + " cores), JDK " + env.machine().jdk()
                        + " " + env.machine().jdkVendor() + (env.build() != null ? ", llmbench " + env.build().describe() : "") + ".");
            }
        });
        Set<String> origins = new TreeSet<>();
        set.configurations.values().forEach(c -> {
            if (c.model() != null && c.weightOrigin() != null) origins.add(c.model().name() + ": " + c.weightOrigin());
        });
        if (!origins.isEmpty()) s.add("Weights: " + String.join("; ", origins) + ".");
        long noisy = rows.stream().filter(r -> r.result.primary().relativeError() > Findings.NOISY).count();
        if (noisy > 0) s.add("**" + noisy + " result(s) are noisy** (error > " + Fmt.num(Findings.NOISY * 100) + "% of the score): treat their differences with care.");
        doc.bullets(s);
    }

    private void failures() {
        if (set.failures.isEmpty()) return;
        doc.h(2, "Failed or skipped");
        doc.p("Configurations the run planned that produced no result, with the reason their benchmark gave.");
        List<List<String>> t = new ArrayList<>();
        for (FailedConfiguration f : set.failures) {
            String params = new java.util.TreeMap<>(f.params()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            t.add(List.of(BenchmarkKind.of(f.benchmark()) == BenchmarkKind.OTHER ? f.benchmark() : BenchmarkKind.of(f.benchmark()).shortName(), params, f.reason()));
        }
        doc.table(List.of("benchmark", "params", "reason"), t);
    }

    private void highlights() {
        doc.h(2, "Highlights");
        doc.bullets(findings.highlights.stream().map(h -> h.title() + ": **" + h.config() + "** — "
                + (h.unit().equals("bytes") ? Fmt.mib(h.value()) : Fmt.num(h.value()) + " " + h.unit())).toList());
        if (!findings.missing.isEmpty()) doc.p("Not measured in these results: " + String.join("; ", findings.missing) + ".");
    }

    private void environment() {
        doc.h(2, "Environment");
        if (set.environments.isEmpty()) {
            Set<String> jdks = rows.stream().map(r -> r.result.jdkVersion()).filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
            doc.p("No env.json next to the results (not a session folder written by llmbench); JDK from the JMH JSON: "
                    + (jdks.isEmpty() ? "unknown" : String.join(", ", jdks)) + ".");
            return;
        }
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

    /** The roofline the run measured, if any. */
    private Roofline roofline() {
        return set.runs.values().stream().map(RunEnvironment::roofline).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private void kernels() {
        List<LlmRow> k = rows.stream().filter(r -> r.kind == BenchmarkKind.KERNEL).toList();
        if (k.isEmpty()) return;
        doc.h(2, "Kernels");
        Roofline roof = roofline();
        double triad = roof == null ? Double.NaN : roof.triadBytesPerSecond();
        doc.p("One engine weight matrix times `batch` activation rows on all cores (KernelBenchmark). A memory-bound kernel reads its weights "
                + "at up to the machine's memory bandwidth: "
                + (Double.isFinite(triad) ? "the triad measured at the start of the run, " + Fmt.num(triad / 1e9) + " GB/s on " + roof.threads() + " threads."
                : "no triad bandwidth was measured with these results, so the share of it is not shown (`sysinfo` measures it)."));
        List<List<String>> t = new ArrayList<>();
        for (LlmRow r : k) {
            t.add(List.of(r.quant, intOr(r.batch), r.result.params().getOrDefault("n", "?") + " × " + r.result.params().getOrDefault("k", "?"),
                    Fmt.mib(r.weightBytes), Fmt.pm(r.weightBandwidthBytesPerSecond / 1e9, r.weightBandwidthErrorBytesPerSecond / 1e9),
                    Double.isFinite(triad) ? Fmt.num(100 * r.weightBandwidthBytesPerSecond / triad) + "%" : Fmt.NONE,
                    Fmt.pm(r.result.primary().score(), r.result.primary().error()) + " " + r.result.primary().unit()));
        }
        doc.table(List.of("quant", "batch", "n × k", "weights", "weight GB/s", "of triad", "multiplications"), t);
    }

    private void matmul() {
        List<LlmRow> m = rows.stream().filter(r -> r.kind == BenchmarkKind.MATMUL).toList();
        if (m.isEmpty()) return;
        doc.h(2, "Matrix multiplication");
        Roofline roof = roofline();
        double peak = roof == null ? Double.NaN : roof.peakFlopsPerSecond();
        doc.p("C = A·B per backend, dtype and size (MatmulBenchmark), GFLOP/s = 2·m·n·k per multiplication; "
                + (Double.isFinite(peak) ? "the peak fp32 rate measured at the start of the run is " + Fmt.num(peak / 1e9) + " GFLOP/s on " + roof.threads() + " threads."
                : "no peak FLOPS was measured with these results, so the share of it is not shown (`sysinfo` measures it)."));
        List<List<String>> t = new ArrayList<>();
        for (LlmRow r : m) {
            Map<String, String> p = r.result.params();
            t.add(List.of(p.getOrDefault("backend", "?"), p.getOrDefault("dtype", "?"), shape(p),
                    Fmt.pm(r.gflopsPerSecond, r.gflopsErrorPerSecond),
                    Double.isFinite(peak) ? Fmt.num(100 * r.gflopsPerSecond * 1e9 / peak) + "%" : Fmt.NONE));
        }
        doc.table(List.of("backend", "dtype", "m × k × n", "GFLOP/s", "of peak"), t);
    }

    /** "1024 × 1024 × 1024" from MatmulBenchmark's n, m, k (m = 0 or k = 0 mean n). */
    static String shape(Map<String, String> p) {
        String n = p.getOrDefault("n", "?");
        String m = "0".equals(p.get("m")) || p.get("m") == null ? n : p.get("m");
        String k = "0".equals(p.get("k")) || p.get("k") == null ? n : p.get("k");
        return m + " × " + k + " × " + n;
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
                t.add(List.of(s.name(), String.valueOf(p.batch()), Fmt.num(p.tokensPerSecond()), Fmt.pm(p.efficiency(), p.efficiencyError())));
            }
        }
        doc.table(List.of("series", "batch", "tokens/s", "η"), t);
    }

    private void memory() {
        doc.h(2, "Memory");
        Map<String, LlmRow> weights = new LinkedHashMap<>();
        llm().stream().filter(r -> Double.isFinite(r.weightBytes)).forEach(r -> weights.putIfAbsent(r.model + " " + r.quant, r));
        if (weights.isEmpty()) {
            doc.p("No weight sizes: these results carry no records of what their configurations held (results from a session folder written by llmbench do).");
        } else {
            List<List<String>> w = new ArrayList<>();
            for (LlmRow r : weights.values()) {
                LlmRow fp32 = weights.get(r.model + " fp32");
                w.add(List.of(r.model, r.quant, Fmt.mib(r.weightBytes), fp32 == null ? Fmt.NONE : Fmt.num(r.weightBytes / fp32.weightBytes * 100) + "%",
                        r.record.weightOrigin() == null ? Fmt.NONE : r.record.weightOrigin()));
            }
            doc.p("Weight bytes as the engine held them in each quant (blocks and scales included), recorded by the run; "
                    + "\"of fp32\" needs fp32 in the same results.");
            doc.table(List.of("model", "quant", "weights", "of fp32", "weights from"), w);
        }
        List<List<String>> t = new ArrayList<>();
        for (LlmRow r : llm()) {
            if (Double.isFinite(r.kvCacheBytes) || Double.isFinite(r.allocBytesPerOp) || r.telemetry.containsKey(TelemetryQuantity.MEMORY)) {
                t.add(List.of(r.result.shortName(), r.label(), Fmt.mib(r.kvCacheBytes), Fmt.num(r.allocBytesPerOp),
                        Fmt.mib(r.telemetry.getOrDefault(TelemetryQuantity.MEMORY, Double.NaN))));
            }
        }
        if (!t.isEmpty()) {
            Set<String> memLabels = new TreeSet<>();
            llm().forEach(r -> {
                if (r.telemetryLabel.containsKey(TelemetryQuantity.MEMORY)) memLabels.add("`" + r.telemetryLabel.get(TelemetryQuantity.MEMORY) + "`");
            });
            doc.p("KV cache as the session allocated it (promptLen + genLen positions of every row); allocation per operation comes from JMH's gc profiler (-prof gc), "
                    + "measured memory from the telemetry profiler (-prof llm" + (memLabels.isEmpty() ? "" : ": " + String.join(", ", memLabels)) + ").");
            doc.table(List.of("benchmark", "configuration", "KV cache", "heap alloc B/op", "measured memory"), t);
        }
    }

    private void power() {
        doc.h(2, "Power and thermal");
        List<LlmRow> withTelemetry = rows.stream().filter(r -> r.telemetry.keySet().stream().anyMatch(k -> k != TelemetryQuantity.MEMORY)).toList();
        if (withTelemetry.isEmpty()) {
            doc.p("Not measured: these results carry no power, energy or temperature metrics (they come from the telemetry profiler, -prof llm, on machines where NVML or RAPL is readable).");
            return;
        }
        List<List<String>> t = new ArrayList<>();
        for (LlmRow r : withTelemetry) {
            t.add(List.of(r.result.shortName(), r.label(), Fmt.num(tel(r, TelemetryQuantity.POWER)), Fmt.num(tel(r, TelemetryQuantity.ENERGY)),
                    Fmt.num(tel(r, TelemetryQuantity.TEMPERATURE)), Fmt.num(tel(r, TelemetryQuantity.TOKENS_PER_JOULE)),
                    Fmt.num(Double.isFinite(tel(r, TelemetryQuantity.TOKENS_PER_JOULE)) ? 1 / tel(r, TelemetryQuantity.TOKENS_PER_JOULE) : Double.NaN)));
        }
        doc.table(List.of("benchmark", "configuration", "power W", "energy J", "temperature °C", "tokens/J", "J/token"), t);
        Set<String> labels = new TreeSet<>();
        withTelemetry.forEach(r -> r.telemetryLabel.forEach((k, l) -> labels.add(k.title + " ← `" + l + "`")));
        doc.p("Telemetry read from: " + String.join(", ", labels) + ".");
    }

    private static double tel(LlmRow r, TelemetryQuantity k) {
        return r.telemetry.getOrDefault(k, Double.NaN);
    }

    private void quantTradeoff() {
        doc.h(2, "Quantization trade-off");
        Map<String, Map<String, LlmRow>> decode = new LinkedHashMap<>(), prefill = new LinkedHashMap<>();
        for (LlmRow r : llm().stream().sorted(Comparator.comparingInt(x -> x.batch)).toList()) {
            Map<String, Map<String, LlmRow>> target = r.kind == BenchmarkKind.DECODE ? decode : r.kind == BenchmarkKind.PREFILL ? prefill : null;
            if (target != null) target.computeIfAbsent(r.model, k -> new LinkedHashMap<>()).putIfAbsent(r.quant, r); // smallest batch
        }
        Set<String> models = new LinkedHashSet<>(decode.keySet());
        models.addAll(prefill.keySet());
        set.quality.forEach(q -> models.add(q.model()));
        List<List<String>> t = new ArrayList<>();
        List<String> noFp32 = new ArrayList<>();
        for (String model : models) {
            Set<String> quants = new LinkedHashSet<>();
            quants.addAll(decode.getOrDefault(model, Map.of()).keySet());
            quants.addAll(prefill.getOrDefault(model, Map.of()).keySet());
            set.quality.stream().filter(q -> q.model().equals(model)).forEach(q -> quants.add(q.quant()));
            LlmRow fp32 = decode.getOrDefault(model, Map.of()).get("fp32");
            if (fp32 == null && !decode.getOrDefault(model, Map.of()).isEmpty()) noFp32.add(model);
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
        List<String> why = new ArrayList<>();
        why.add("Speed at the smallest batch measured; weights as held; quality against fp32 on the same weights from quality.json (weight RMSE, logits cosine, KL divergence, top-1 agreement).");
        if (!noFp32.isEmpty()) why.add("\"speed vs fp32\" is empty for " + String.join(", ", noFp32) + ": fp32 was not run; the quality columns still compare with fp32.");
        if (set.quality.isEmpty()) {
            Set<String> quants = llm().stream().map(r -> r.quant).filter(q -> !q.isEmpty() && !q.equals("fp32")).collect(Collectors.toCollection(TreeSet::new));
            why.add(quants.isEmpty() ? "No quality columns: these results measured fp32 only, which is the reference."
                    : "No quality.json with these results (a run measures it afterwards for models up to 50M parameters); for larger models: "
                    + "`java -jar target/benchmarks.jar quality --model " + String.join(",", new TreeSet<>(llm().stream().map(r -> r.model).toList()))
                    + " --quant " + String.join(",", quants) + " --out <session>/quality.json`.");
        }
        doc.p(String.join(" ", why));
        doc.table(List.of("model", "quant", "decode tokens/s", "speed vs fp32", "TTFT ms", "weights", "weight RMSE", "logits cosine", "KL divergence", "top-1 agreement"), t);
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
        if (options.pricePerHour() == null && !options.whatIf()) {
            doc.p("Not computed: cost needs the price of the machine these results were measured on (`report --price-per-hour USD`). "
                    + "`--what-if` adds a few GPU instances' prices applied to this throughput, as a what-if.");
            return;
        }
        doc.p("Cost per 1M tokens = price per hour / (decode tokens/s · 3600) · 1e6, at the decode throughput measured here"
                + (options.pricePerHour() != null ? ", for the given " + Fmt.usd(options.pricePerHour()) + "/h" : "") + "."
                + (options.whatIf() ? " The instance columns are **what-ifs** (--what-if): that instance's price applied to the throughput measured here ("
                + InstancePrices.SOURCE + "); its own throughput differs, so benchmark on it before deciding." : ""));
        List<String> header = new ArrayList<>(List.of("configuration", "decode tokens/s"));
        if (options.pricePerHour() != null) header.add("at " + Fmt.usd(options.pricePerHour()) + "/h");
        if (options.whatIf()) InstancePrices.ALL.forEach(i -> header.add("what-if " + i.name() + " (" + Fmt.usd(i.usdPerHour()) + "/h)"));
        List<List<String>> t = new ArrayList<>();
        for (LlmRow r : decode) {
            List<String> row = new ArrayList<>(List.of(r.label(), Fmt.num(r.decodeTokensPerSecond)));
            if (options.pricePerHour() != null) row.add(Fmt.usd(InstancePrices.costPerMillionTokens(options.pricePerHour(), r.decodeTokensPerSecond)));
            if (options.whatIf()) InstancePrices.ALL.forEach(i -> row.add(Fmt.usd(InstancePrices.costPerMillionTokens(i.usdPerHour(), r.decodeTokensPerSecond))));
            t.add(row);
        }
        doc.table(header, t);
        if (options.whatIf()) doc.p("Instances: " + InstancePrices.ALL.stream().map(i -> i.name() + " = " + i.gpu()).collect(Collectors.joining("; ")) + ".");
    }

    private void other() {
        List<LlmRow> other = rows.stream().filter(r -> r.kind == BenchmarkKind.OTHER || (r.kind.model && !r.isLlm())).toList();
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

    private static String plain(JsonElement e) {
        if (e == null || e.isJsonNull()) return Fmt.NONE;
        if (e.isJsonPrimitive()) return e.getAsString();
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            return o.entrySet().stream().map(x -> x.getKey() + " — " + plain(x.getValue())).collect(Collectors.joining("; "));
        }
        if (e.isJsonArray()) { // e.g. jmhArgs: as the command line they were
            List<String> parts = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> parts.add(x.isJsonPrimitive() ? x.getAsString() : x.toString()));
            return "`" + String.join(" ", parts) + "`";
        }
        return e.toString();
    }
}
