package org.llmbench.report;

import org.llmbench.results.BenchmarkKind;
import org.llmbench.results.TelemetryQuantity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The highlights and recommendations drawn from the rows: computed once, written to every format. */
public final class Findings {
    /** One winner: what, which configuration, its value and unit. */
    public record Highlight(String title, String config, double value, String unit) {
    }

    public final List<Highlight> highlights = new ArrayList<>();
    public final List<String> missing = new ArrayList<>();
    public final List<String> recommendations = new ArrayList<>();

    static final double NOISY = 0.10;
    static final double GOOD_EFFICIENCY = 0.70;
    static final double SUPERLINEAR = 1.10;
    static final double TOP1_TOLERANCE = 0.01;

    public static Findings of(List<LlmRow> rows, List<BatchScaling.Series> scaling, ResultSet set) {
        Findings f = new Findings();
        f.best(rows, "Lowest TTFT", r -> r.ttftMillis, false, "ms", "TTFT (no PrefillBenchmark results)");
        f.best(rows, "Highest decode tokens/s", r -> r.decodeTokensPerSecond, true, "tokens/s", "decode tokens/s (no DecodeBenchmark results)");
        f.best(rows, "Highest prefill tokens/s", r -> r.prefillTokensPerSecond, true, "tokens/s", "prefill tokens/s (no PrefillBenchmark results)");
        f.best(rows, "Best tokens per joule", r -> r.telemetry.getOrDefault(TelemetryQuantity.TOKENS_PER_JOULE, Double.NaN), true, "tokens/J",
                "tokens per joule (no power telemetry: run with -prof llm on a machine where NVML or RAPL is readable)");
        f.best(rows, "Smallest measured memory", r -> r.telemetry.getOrDefault(TelemetryQuantity.MEMORY, Double.NaN), false, "bytes",
                "measured memory (no memory telemetry in these results)");
        f.best(rows.stream().filter(LlmRow::isLlm).toList(), "Smallest weights", r -> r.weightBytes, false, "bytes", "weight size (no configuration records: a session folder written by llmbench has them)");
        f.highlights.replaceAll(h -> h.title().startsWith("Smallest weights") ? new Highlight(h.title(), h.config().replaceAll(" b\\d+$", ""), h.value(), h.unit()) : h);
        f.recommend(rows, scaling, set);
        return f;
    }

    private void best(List<LlmRow> rows, String title, ToDoubleFunction<LlmRow> value, boolean higher, String unit, String whenMissing) {
        Comparator<LlmRow> c = Comparator.comparingDouble(value);
        Optional<LlmRow> pick = rows.stream().filter(r -> Double.isFinite(value.applyAsDouble(r)))
                .max(higher ? c : c.reversed());
        if (pick.isPresent()) highlights.add(new Highlight(title, pick.get().label(), value.applyAsDouble(pick.get()), unit));
        else missing.add(whenMissing);
    }

    /**
     * Recommendations are drawn only where the measurement supports them: a "best" configuration
     * only when its 99.9% interval clears the runner-up's, a batching advice only when η's interval
     * lies wholly on one side of the threshold; otherwise the report says it is too noisy to tell.
     */
    private void recommend(List<LlmRow> rows, List<BatchScaling.Series> scaling, ResultSet set) {
        List<LlmRow> decode = rows.stream().filter(r -> Double.isFinite(r.decodeTokensPerSecond)).toList();
        boolean quality = !set.quality.isEmpty();
        List<LlmRow> candidates = decode.stream().filter(r -> !quality || r.quant.equals("fp32") || faithful(set.quality(r.model, r.quant)))
                .sorted(Comparator.comparingDouble((LlmRow r) -> r.decodeTokensPerSecond).reversed()).toList();
        String scope = quality ? "within " + Fmt.num(TOP1_TOLERANCE * 100) + "% top-1 disagreement from fp32" : "(quality of the quants not assessed: no quality.json)";
        if (candidates.size() >= 2) {
            LlmRow best = candidates.get(0), next = candidates.get(1);
            double gap = best.decodeTokensPerSecond - next.decodeTokensPerSecond;
            if (clears(best.decodeTokensPerSecond, best.decodeErrorTokensPerSecond, next.decodeTokensPerSecond, next.decodeErrorTokensPerSecond)) {
                recommendations.add("Highest decode throughput " + scope + ": **" + best.label() + "** at " + Fmt.num(best.decodeTokensPerSecond)
                        + " tokens/s, " + Fmt.num(gap / next.decodeTokensPerSecond * 100) + "% ahead of " + next.label() + " (beyond both 99.9% intervals).");
            } else {
                recommendations.add("Too noisy to recommend a decode configuration: " + best.label() + " (" + Fmt.pm(best.decodeTokensPerSecond, best.decodeErrorTokensPerSecond)
                        + " tokens/s) and " + next.label() + " (" + Fmt.pm(next.decodeTokensPerSecond, next.decodeErrorTokensPerSecond)
                        + ") overlap within their 99.9% intervals; run with more forks (-f 3) and iterations.");
            }
        }
        if (quality) {
            set.quality.stream().filter(q -> q.top1Agreement() != null && q.top1Agreement() < 1 - TOP1_TOLERANCE)
                    .forEach(q -> recommendations.add("Avoid " + q.model() + " " + q.quant() + " where output fidelity matters: top-1 agreement with fp32 is "
                            + Fmt.num(q.top1Agreement() * 100) + "%."));
        }
        for (BatchScaling.Series s : scaling) {
            batching(s);
        }
        long noisy = rows.stream().filter(r -> r.result.primary().relativeError() > NOISY).count();
        if (noisy > 0) {
            recommendations.add(noisy + " of " + rows.size() + " results have an error above " + Fmt.num(NOISY * 100)
                    + "% of the score: re-run on a quiet machine (check /proc/loadavg) with more iterations or forks before drawing conclusions.");
        }
    }

    private void batching(BatchScaling.Series s) {
        BatchScaling.Point largestEfficient = null, noisyPoint = null;
        boolean superlinear = false, poor = false;
        for (BatchScaling.Point p : s.points()) {
            if (p.batch() == 1) continue;
            double lo = p.efficiency() - p.efficiencyError(), hi = p.efficiency() + p.efficiencyError();
            if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
                noisyPoint = p;
                continue;
            }
            if (lo > SUPERLINEAR) superlinear = true;
            if (lo >= GOOD_EFFICIENCY) largestEfficient = p;
            else if (hi < GOOD_EFFICIENCY) poor = true;
            else noisyPoint = p;
        }
        if (superlinear) {
            recommendations.add(cap(s.name()) + ": η above " + Fmt.num(SUPERLINEAR) + " (superlinear scaling): the batch-1 result is slow relative to"
                    + " the batched ones — a disturbed measurement (busy machine) or a batch-1 path slower than the batched kernels; re-measure on a quiet machine.");
        } else if (largestEfficient != null) {
            recommendations.add(cap(s.name()) + ": batch up to " + largestEfficient.batch() + " keeps η ≥ " + Fmt.num(GOOD_EFFICIENCY)
                    + " (η = " + Fmt.pm(largestEfficient.efficiency(), largestEfficient.efficiencyError()) + ", " + Fmt.num(largestEfficient.tokensPerSecond()) + " tokens/s).");
        } else if (poor && noisyPoint == null) {
            BatchScaling.Point last = s.points().get(s.points().size() - 1);
            recommendations.add(cap(s.name()) + ": batching adds little throughput here (η(" + last.batch() + ") = " + Fmt.pm(last.efficiency(), last.efficiencyError())
                    + ", below " + Fmt.num(GOOD_EFFICIENCY) + " beyond its interval); prefer batch 1 per request or check the batched kernels.");
        } else if (noisyPoint != null) {
            recommendations.add(cap(s.name()) + ": too noisy to recommend a batch size (η(" + noisyPoint.batch() + ") = "
                    + Fmt.pm(noisyPoint.efficiency(), noisyPoint.efficiencyError()) + " spans " + Fmt.num(GOOD_EFFICIENCY) + "); run with more forks (-f 3) and iterations.");
        }
    }

    private static boolean faithful(QualityRow q) {
        return q != null && q.top1Agreement() != null && q.top1Agreement() >= 1 - TOP1_TOLERANCE;
    }

    /** Whether a (± ea) lies above b (± eb) with both intervals known and apart. */
    static boolean clears(double a, double ea, double b, double eb) {
        return Double.isFinite(ea) && Double.isFinite(eb) && a - ea > b + eb;
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
