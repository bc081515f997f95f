package org.llmbench.report;

import com.google.gson.JsonObject;
import org.llmbench.results.EndpointMetric;
import org.llmbench.results.EndpointResults;
import org.llmbench.results.EndpointRunInfo;
import org.llmbench.results.EndpointSettings;
import org.llmbench.results.EndpointSummary;
import org.llmbench.results.EndpointTargetInfo;
import org.llmbench.results.RequestRecord;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The endpoint part of a report, for every endpoint session among the inputs (a folder holding
 * endpoint.json): a summary, tables per endpoint × load level and per prompt group, failures,
 * charts and the definitions. Reads results-package files only.
 */
public final class EndpointReport {
    private final List<EndpointView> views = new ArrayList<>();
    private final boolean onlyEndpoints;

    private EndpointReport(boolean onlyEndpoints) {
        this.onlyEndpoints = onlyEndpoints;
    }

    public static EndpointReport of(ResultSet set) {
        boolean only = !set.results.isEmpty() && set.results.stream().allMatch(r -> r.benchmark().startsWith(EndpointMetric.BENCHMARK_PREFIX));
        EndpointReport report = new EndpointReport(only);
        for (Path source : set.sources) {
            Path dir = source.toAbsolutePath().getParent();
            if (EndpointResults.isSession(dir)) {
                try {
                    report.views.add(new EndpointView(EndpointResults.read(dir)));
                } catch (RuntimeException e) {
                    set.notes.add("endpoint results in " + dir + " skipped: " + e.getMessage());
                }
            }
        }
        return report;
    }

    public boolean isEmpty() {
        return views.isEmpty();
    }

    /** Every result is an endpoint benchmark: the report is this part alone. */
    public boolean onlyEndpoints() {
        return onlyEndpoints && !views.isEmpty();
    }

    /** The charts of every run; file names carry "runN-" when there are several runs. */
    public List<Charts.Png> charts(List<String> notes) {
        List<Charts.Png> out = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            String prefix = views.size() == 1 ? "" : "run" + (i + 1) + "-";
            for (Charts.Png p : EndpointCharts.draw(views.get(i), notes)) out.add(new Charts.Png(prefix + p.file(), p.title(), p.bytes()));
        }
        return out;
    }

    /** Appends the endpoint sections; {@code charts} maps chart files to titles (empty: no charts shown). */
    public void appendTo(Doc doc, ResultSet set, Map<String, String> charts) {
        if (onlyEndpoints()) {
            doc.h(1, "llmbench endpoint report");
            doc.p("Generated " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + " from "
                    + views.stream().map(v -> "`" + v.run.folder() + "`").collect(Collectors.joining(", ")) + ".");
        } else {
            doc.h(2, "Endpoint benchmarks");
        }
        int level = onlyEndpoints() ? 2 : 3;
        for (int i = 0; i < views.size(); i++) {
            EndpointView v = views.get(i);
            if (views.size() > 1) doc.h(level, "Run " + (i + 1) + ": " + v.run.folder().getFileName());
            int h = views.size() > 1 ? level + 1 : level;
            summary(doc, h, v, set);
            results(doc, h, v);
            groups(doc, h, v, "length=", "By prompt length");
            groups(doc, h, v, "complexity=", "By prompt complexity");
            failures(doc, h, v);
            String prefix = views.size() == 1 ? "" : "run" + (i + 1) + "-";
            List<Map.Entry<String, String>> mine = charts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + "endpoint-")).toList();
            if (!mine.isEmpty()) {
                doc.h(h, "Charts");
                mine.forEach(e -> doc.image(e.getValue(), e.getKey()));
            }
        }
        doc.h(level, "How to read these numbers");
        doc.bullets(DEFINITIONS);
    }

    private static void summary(Doc doc, int h, EndpointView v, ResultSet set) {
        EndpointRunInfo info = v.run.info();
        EndpointSettings s = info.settings();
        doc.h(h, "Summary");
        List<String> b = new ArrayList<>();
        b.add(v.endpoints().size() + " endpoint(s): " + info.endpoints().stream().map(EndpointReport::describe).collect(Collectors.joining("; ")) + ".");
        b.add("Load: " + s.mode() + " at " + s.levels().stream().map(l -> EndpointSettings.levelLabel(s.mode(), l)).collect(Collectors.joining(", "))
                + (s.mode().equals("rate") ? " (gamma arrivals, burstiness " + Fmt.num(s.burstiness()) + ", seed " + s.arrivalSeed() + ")" : "")
                + "; " + s.requests() + " measured requests per endpoint and level after " + s.warmup() + " warm-up; schedule " + s.schedule()
                + (Double.isFinite(s.durationSeconds()) ? "; at most " + Fmt.num(s.durationSeconds()) + " s per level" : "") + ".");
        b.add("Prompts: " + s.prompts() + " (" + s.promptCount() + "); " + (s.stream() ? "streamed (SSE)" : "not streamed (no TTFT/TPOT/ITL)")
                + "; max_tokens " + s.maxTokens() + (Double.isFinite(s.temperature()) ? "; temperature " + Fmt.num(s.temperature()) : "")
                + (s.ignoreEos() ? "; ignore_eos" : "") + "; timeout " + Fmt.num(s.timeoutSeconds()) + " s; SLO " + s.slo().describe() + ".");
        environment(set, v).ifPresent(b::add);
        for (String level : v.levelLabels()) {
            best(v, level, "lowest median TTFT", x -> x.ttft().median(), false, "ms").ifPresent(b::add);
            best(v, level, "highest output tokens/s", EndpointSummary::outputTokensPerSecond, true, "tokens/s").ifPresent(b::add);
        }
        info.warnings().forEach(w -> b.add("**Warning:** " + w));
        doc.bullets(b);
    }

    private static String describe(EndpointTargetInfo e) {
        return "**" + e.name() + "** " + e.url() + " (" + e.api() + ", model `" + e.model() + "`)";
    }

    private static java.util.Optional<String> environment(ResultSet set, EndpointView v) {
        return set.environments.entrySet().stream().filter(e -> Path.of(e.getKey()).toAbsolutePath().getParent().equals(v.run.folder().toAbsolutePath()))
                .map(Map.Entry::getValue).filter(env -> env.has("machine") && env.get("machine").isJsonObject()).findFirst()
                .map(env -> {
                    JsonObject m = env.getAsJsonObject("machine");
                    return "Client: " + str(m, "cpuModel") + " (" + str(m, "cores") + " cores), JDK " + str(m, "jdk") + ".";
                });
    }

    /** "At concurrency 4, lowest median TTFT: **a** 33.0 ms (b 48.2 ms, ×1.46)". */
    private static java.util.Optional<String> best(EndpointView v, String level, String what, Function<EndpointSummary, Double> value, boolean higher, String unit) {
        List<EndpointSummary> with = v.levelSummaries().stream().filter(s -> s.level().equals(level) && Double.isFinite(value.apply(s))).toList();
        if (with.size() < 2) return java.util.Optional.empty();
        Comparator<EndpointSummary> order = Comparator.comparingDouble(value::apply);
        List<EndpointSummary> sorted = with.stream().sorted(higher ? order.reversed() : order).toList();
        EndpointSummary top = sorted.get(0), next = sorted.get(1);
        double ratio = higher ? value.apply(top) / value.apply(next) : value.apply(next) / value.apply(top);
        return java.util.Optional.of(capitalise(EndpointSettings.levelLabel(v.mode(), level)) + ", " + what + ": **" + top.endpoint() + "** "
                + Fmt.num(value.apply(top)) + " " + unit + " (" + next.endpoint() + " " + Fmt.num(value.apply(next)) + " " + unit
                + (Double.isFinite(ratio) ? String.format(Locale.ROOT, ", ×%.2f", ratio) : "") + ").");
    }

    private static void results(Doc doc, int h, EndpointView v) {
        doc.h(h, "Results by endpoint and load");
        List<List<String>> rows = new ArrayList<>();
        for (EndpointSummary s : v.levelSummaries()) {
            rows.add(List.of(s.endpoint(), EndpointSettings.levelLabel(s.mode(), s.level()), s.succeeded() + "/" + s.requests(),
                    Fmt.num(s.ttft().median()), Fmt.num(s.ttft().p90()), Fmt.num(s.ttft().p99()),
                    Fmt.num(s.tpot().median()), Fmt.num(s.tpot().p99()), Fmt.num(s.itl().median()), Fmt.num(s.itl().p99()),
                    Fmt.num(s.e2e().median()), Fmt.num(s.e2e().p99()), Fmt.num(s.requestsPerSecond()), Fmt.num(s.outputTokensPerSecond()),
                    Fmt.num(s.totalTokensPerSecond()), Fmt.num(s.peakOutputTokensPerSecond()),
                    Double.isFinite(s.goodputFraction()) ? Fmt.num(s.goodputRequestsPerSecond()) + " (" + Math.round(100 * s.goodputFraction()) + "%)" : Fmt.NONE,
                    Fmt.num(s.scheduleLag().p99()), s.tokenSource().isEmpty() ? Fmt.NONE : s.tokenSource()));
        }
        doc.table(List.of("endpoint", "load", "ok/sent", "TTFT p50", "TTFT p90", "TTFT p99", "TPOT p50", "TPOT p99", "ITL p50", "ITL p99",
                "E2E p50", "E2E p99", "req/s", "out tok/s", "total tok/s", "peak out tok/s", "goodput req/s", "lag p99", "tokens from"), rows);
        doc.p("Latencies in ms over successful requests; rates are Σ over the endpoint's active window. Mean, std, p95 and max of every "
                + "latency are in summary.csv; every request is in requests.csv.");
    }

    private static void groups(Doc doc, int h, EndpointView v, String prefix, String title) {
        List<EndpointSummary> g = v.groupSummaries(prefix);
        if (g.isEmpty()) return;
        doc.h(h, title);
        List<List<String>> rows = new ArrayList<>();
        for (EndpointSummary s : g) {
            rows.add(List.of(s.endpoint(), EndpointSettings.levelLabel(s.mode(), s.level()), s.group().substring(prefix.length()),
                    s.succeeded() + "/" + s.requests(), Fmt.num(s.ttft().median()), Fmt.num(s.tpot().median()), Fmt.num(s.itl().median()),
                    Fmt.num(s.e2e().median()), Fmt.num(s.e2e().p99()), avgTokens(s)));
        }
        doc.table(List.of("endpoint", "load", prefix.substring(0, prefix.length() - 1), "ok/sent", "TTFT p50", "TPOT p50", "ITL p50",
                "E2E p50", "E2E p99", "output tokens/request"), rows);
    }

    private static String avgTokens(EndpointSummary s) {
        return s.succeeded() == 0 ? Fmt.NONE : Fmt.num(s.outputTokens() / (double) s.succeeded());
    }

    private static void failures(Doc doc, int h, EndpointView v) {
        Map<String, List<RequestRecord>> failed = v.run.measured().stream().filter(r -> !r.ok())
                .collect(Collectors.groupingBy(r -> r.endpoint() + "\u0000" + r.level() + "\u0000" + r.errorClass(), LinkedHashMap::new, Collectors.toList()));
        doc.h(h, "Failures");
        if (failed.isEmpty()) {
            doc.p("None: every measured request succeeded.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        failed.forEach((k, rs) -> {
            RequestRecord r = rs.get(0);
            rows.add(List.of(r.endpoint(), EndpointSettings.levelLabel(r.mode(), r.level()), r.errorClass(), String.valueOf(rs.size()), r.error()));
        });
        doc.table(List.of("endpoint", "load", "class", "requests", "first message"), rows);
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : "?";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static final List<String> DEFINITIONS = List.of(
            "TTFT = time from handing the request to the HTTP client to the first streamed chunk with non-empty content (a role-only first chunk does not count); it includes connecting when a new connection is opened (warm-up requests open them).",
            "TPOT = (E2E − TTFT) / (output tokens − 1), for requests with at least 2 output tokens.",
            "ITL = gap between consecutive content chunks, pooled over requests; a chunk may carry several tokens (tokens per chunk in requests.csv).",
            "E2E = from sending to the end of the answer ([DONE], or the end of the body). Timestamps are System.nanoTime() on the thread that receives each piece of the body, taken as it is parsed.",
            "Output tokens come from the server's usage (completion_tokens); where a server sends none, from the number of content chunks — the \"tokens from\" column says which.",
            "Rates (req/s, output and total tokens/s, goodput) are Σ over successful requests / the endpoint's active window: from the start of each of its steps to the end of that step's last request (other endpoints' turns under the interleaved schedule are not its time). Never a mean of per-request rates. Peak output tokens/s = most output tokens that arrived within one whole second of that window.",
            "Goodput = successful requests meeting every SLO bound / window; a request with under 2 output tokens has no TPOT and meets the TPOT bound.",
            "Percentiles interpolate linearly between the two closest ranks (type 7); std is the sample standard deviation.",
            "Schedule lag = actual − scheduled send time. In rate mode (open loop, gamma arrivals) a p99 lag above 10% of the mean inter-arrival time is flagged: the client fell behind, so the server saw less load than asked (coordinated omission).",
            "jmh.json (read by report, compare and check): a record per endpoint × level × metric whose \"forks\" are the successful requests dealt round robin into up to 5 groups (latencies: each request a shot; rates: n × the group's mean / window). check bootstraps the median ratio over those groups.");
}
