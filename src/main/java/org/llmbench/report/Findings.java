package org.llmbench.report;

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
        f.best(rows, "Best tokens per joule", r -> r.telemetry.getOrDefault(TelemetryKind.TOKENS_PER_JOULE, Double.NaN), true, "tokens/J",
                "tokens per joule (no power telemetry: run with -prof llm on a machine where NVML or RAPL is readable)");
        f.best(rows, "Smallest measured memory", r -> r.telemetry.getOrDefault(TelemetryKind.MEMORY, Double.NaN), false, "bytes",
                "measured memory (no memory telemetry in these results)");
        f.best(rows, "Smallest weights (computed)", r -> r.weightBytes, false, "bytes", "computed weight size (no registry model in these results)");
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

    private void recommend(List<LlmRow> rows, List<BatchScaling.Series> scaling, ResultSet set) {
        List<LlmRow> decode = rows.stream().filter(r -> Double.isFinite(r.decodeTokensPerSecond)).toList();
        if (!set.quality.isEmpty() && !decode.isEmpty()) {
            decode.stream()
                    .filter(r -> {
                        QualityRow q = set.quality(r.model, r.quant);
                        return r.quant.equals("fp32") || (q != null && q.top1Agreement() != null && q.top1Agreement() >= 1 - TOP1_TOLERANCE);
                    })
                    .max(Comparator.comparingDouble(r -> r.decodeTokensPerSecond))
                    .ifPresent(r -> recommendations.add("Highest decode throughput within " + Fmt.num(TOP1_TOLERANCE * 100)
                            + "% top-1 disagreement from fp32: **" + r.label() + "** at " + Fmt.num(r.decodeTokensPerSecond) + " tokens/s."));
            set.quality.stream().filter(q -> q.top1Agreement() != null && q.top1Agreement() < 1 - TOP1_TOLERANCE)
                    .forEach(q -> recommendations.add("Avoid " + q.model() + " " + q.quant() + " where output fidelity matters: top-1 agreement with fp32 is "
                            + Fmt.num(q.top1Agreement() * 100) + "%."));
        } else if (!decode.isEmpty()) {
            LlmRow r = decode.stream().max(Comparator.comparingDouble(x -> x.decodeTokensPerSecond)).get();
            recommendations.add("Highest decode throughput: **" + r.label() + "** at " + Fmt.num(r.decodeTokensPerSecond)
                    + " tokens/s (no quality.json: quality of the quants not assessed).");
        }
        for (BatchScaling.Series s : scaling) {
            BatchScaling.Point largestEfficient = null;
            for (BatchScaling.Point p : s.points()) {
                if (p.efficiency() >= GOOD_EFFICIENCY) largestEfficient = p;
            }
            BatchScaling.Point last = s.points().get(s.points().size() - 1);
            if (s.points().stream().anyMatch(p -> p.efficiency() > SUPERLINEAR)) {
                recommendations.add(cap(s.name()) + ": η above " + Fmt.num(SUPERLINEAR) + " (superlinear scaling): the batch-1 result is slow relative to"
                        + " the batched ones — a disturbed measurement (busy machine) or a batch-1 path slower than the batched kernels; re-measure on a quiet machine.");
                continue;
            }
            if (largestEfficient != null && largestEfficient.batch() > 1) {
                recommendations.add(cap(s.name()) + ": batch up to " + largestEfficient.batch() + " keeps η ≥ " + Fmt.num(GOOD_EFFICIENCY)
                        + " (η = " + Fmt.num(largestEfficient.efficiency()) + ", " + Fmt.num(largestEfficient.tokensPerSecond()) + " tokens/s).");
            } else if (Double.isFinite(last.efficiency())) {
                recommendations.add(cap(s.name()) + ": batching adds little throughput here (η(" + last.batch() + ") = " + Fmt.num(last.efficiency())
                        + " < " + Fmt.num(GOOD_EFFICIENCY) + "); prefer batch 1 per request or check the batched kernels.");
            }
        }
        long noisy = rows.stream().filter(r -> r.result.primary().relativeError() > NOISY).count();
        if (noisy > 0) {
            recommendations.add(noisy + " of " + rows.size() + " results have an error above " + Fmt.num(NOISY * 100)
                    + "% of the score: re-run on a quiet machine (check /proc/loadavg) with more iterations or forks before drawing conclusions.");
        }
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
