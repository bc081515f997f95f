package org.llmbench.report;

import org.llmbench.LlmbenchException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CI gate for two separate runs. Per configuration, the bootstrap 95% interval of the median ratio
 * (over per-fork medians, {@link RatioInterval}) is read against the threshold ({@link Verdict}): SLOWER
 * when the whole interval is worse than the threshold (exit 1), AMBIGUOUS when it straddles it (exit 4),
 * FASTER or SAME otherwise (exit 0); NOT ASSESSED (exit 3) when nothing had two forks a side.
 * So a large but noisy difference does not fail CI, and neither does a small consistent one.
 * Configurations on one side only, units without a direction and results with fewer than two
 * samples are listed, never fatal. Two runs made at different times also differ by the machine's
 * drift, which forks cannot see: the paired, interleaved {@code ab} removes it.
 */
public final class RegressionCheck {
    public record Outcome(int exitCode, String text, List<Comparison.Pair> regressions) {
    }

    private RegressionCheck() {
    }

    /** "5%", "5" or "0.5%": a percentage. */
    public static double parseThreshold(String text) {
        String t = text == null ? "" : text.trim();
        if (t.endsWith("%")) t = t.substring(0, t.length() - 1).trim();
        try {
            double pct = Double.parseDouble(t);
            if (pct >= 0 && pct < 1000) return pct / 100;
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw new LlmbenchException("--max-regression '" + text + "' is invalid; give a percentage such as 5% (0 to 999).");
    }

    public static boolean regressed(Comparison.Pair p, double maxRegression) {
        return verdict(p, maxRegression) == Verdict.SLOWER;
    }

    static Verdict verdict(Comparison.Pair p, double maxRegression) {
        return Verdict.ofRatio(p.interval().low(), p.interval().high(), p.direction(), maxRegression);
    }

    public static Outcome run(List<JmhResult> baseline, List<JmhResult> candidate, double maxRegression) {
        Comparison c = Comparison.of(baseline, candidate);
        StringBuilder out = new StringBuilder();
        List<Comparison.Pair> regressions = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        out.append(String.format(Locale.ROOT, "check: %d configurations compared, threshold %s worse, significance: bootstrap 95%% interval of the median ratio over forks%n",
                c.pairs.size(), Fmt.num(maxRegression * 100) + "%"));
        for (Comparison.Pair p : c.pairs) {
            Verdict v = verdict(p, maxRegression);
            verdicts.add(v);
            if (v == Verdict.SLOWER) regressions.add(p);
            out.append(String.format(Locale.ROOT, "  %-12s %s: %s -> %s %s (%s, 95%% CI of ratio new/old %s..%s%s, noise band ±%s)%n", v.word(), p.key(),
                    Fmt.num(RatioInterval.median(p.base().samples())), Fmt.num(RatioInterval.median(p.cand().samples())), p.base().unit(),
                    change(p), Fmt.num(p.interval().low()), Fmt.num(p.interval().high()),
                    v == Verdict.NOT_ASSESSED ? ", " + p.verdict() : "", PairedReport.pct(noiseBand(p))));
        }
        for (Comparison.Pair p : c.pairs) {
            if (noiseBand(p) >= maxRegression) {
                out.append("check: warning: the ").append(PairedReport.pct(maxRegression)).append(" threshold lies inside the noise band of ")
                        .append(p.key()).append(" (forks stray ±").append(PairedReport.pct(noiseBand(p)))
                        .append(" from their median); use more forks, or ab for paired runs, or a larger --max-regression.\n");
            }
        }
        c.onlyBaseline.forEach(k -> out.append("  only in baseline (not checked): ").append(k).append('\n'));
        c.onlyCandidate.forEach(k -> out.append("  only in candidate (not checked): ").append(k).append('\n'));
        c.skipped.forEach(s -> out.append("  skipped: ").append(s).append('\n'));
        if (c.pairs.isEmpty()) {
            out.append("check: no configuration is present in both files; nothing to check.\n");
        }
        Verdict overall = Verdict.overall(verdicts);
        out.append("check: ").append(overall.word()).append(": ").append(switch (overall) {
            case SLOWER -> regressions.size() + " configuration(s) worse beyond " + Fmt.num(maxRegression * 100) + "%:";
            case AMBIGUOUS -> "the interval straddles the " + Fmt.num(maxRegression * 100) + "% threshold; run more forks (or use ab).";
            case NOT_ASSESSED -> "no configuration could be assessed (each needs 2+ forks a side and a unit with a known direction).";
            case SAME, FASTER -> "no significant regression beyond " + Fmt.num(maxRegression * 100) + "%.";
        }).append('\n');
        regressions.forEach(p -> out.append("  ").append(p.key()).append(": ").append(change(p)).append('\n'));
        return new Outcome(overall.exitCode(), out.toString(), regressions);
    }

    /** How far single forks stray from their side's median (both sides pooled), see {@link NoiseBand}. */
    static double noiseBand(Comparison.Pair p) {
        return NoiseBand.pooled(List.of(p.base().forkMedians(), p.cand().forkMedians()));
    }

    /** How much worse, as the user sees it: throughput lost (1 − new/old) or time added (new/old − 1); negative = better. */
    static double regression(Comparison.Pair p) {
        double r = p.interval().ratio();
        return switch (p.direction()) {
            case HIGHER_IS_BETTER -> 1 - r;
            case LOWER_IS_BETTER -> r - 1;
            case UNKNOWN -> Double.NaN;
        };
    }

    /** "12.3% worse" / "4.0% better", following the unit's direction. */
    static String change(Comparison.Pair p) {
        double g = regression(p);
        if (!Double.isFinite(g)) return "ratio new/old " + Fmt.num(p.interval().ratio());
        return String.format(Locale.ROOT, "%.1f%% %s", Math.abs(g) * 100, g > 0 ? "worse" : g < 0 ? "better" : "unchanged");
    }
}
