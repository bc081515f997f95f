package org.llmbench.report;

import org.llmbench.results.Direction;
import org.llmbench.LlmbenchException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CI gate. A configuration regressed when both hold:
 * (1) its median got worse by more than the threshold (direction from the unit), and
 * (2) the difference is significant: the bootstrap 95% interval of the median ratio (over per-fork medians) lies
 *     entirely on the worse side of 1 ({@link RatioInterval}).
 * So a large but noisy difference does not fail CI, and neither does a small consistent one.
 * Configurations on one side only, units without a direction and results with fewer than two
 * samples are listed, never fatal.
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
        if (p.direction() == Direction.UNKNOWN || !p.interval().assessable()) return false;
        boolean worseSide = p.direction() == Direction.HIGHER_IS_BETTER ? p.interval().high() < 1.0 : p.interval().low() > 1.0;
        return worseSide && regression(p) > maxRegression;
    }

    public static Outcome run(List<JmhResult> baseline, List<JmhResult> candidate, double maxRegression) {
        Comparison c = Comparison.of(baseline, candidate);
        StringBuilder out = new StringBuilder();
        List<Comparison.Pair> regressions = new ArrayList<>();
        out.append(String.format(Locale.ROOT, "check: %d configurations compared, threshold %s worse, significance: bootstrap 95%% interval of the median ratio over forks%n",
                c.pairs.size(), Fmt.num(maxRegression * 100) + "%"));
        for (Comparison.Pair p : c.pairs) {
            boolean bad = regressed(p, maxRegression);
            if (bad) regressions.add(p);
            String status = bad ? "REGRESSION" : p.direction() == Direction.UNKNOWN ? "not checked"
                    : !p.interval().assessable() ? "not checked" : "ok";
            out.append(String.format(Locale.ROOT, "  %-10s %s: %s -> %s %s (%s, 95%% CI of ratio new/old %s..%s, %s)%n", status, p.key(),
                    Fmt.num(RatioInterval.median(p.base().samples())), Fmt.num(RatioInterval.median(p.cand().samples())), p.base().unit(),
                    change(p), Fmt.num(p.interval().low()), Fmt.num(p.interval().high()), p.verdict()));
        }
        c.onlyBaseline.forEach(k -> out.append("  only in baseline (not checked): ").append(k).append('\n'));
        c.onlyCandidate.forEach(k -> out.append("  only in candidate (not checked): ").append(k).append('\n'));
        c.skipped.forEach(s -> out.append("  skipped: ").append(s).append('\n'));
        long assessed = c.pairs.stream().filter(p -> p.direction() != Direction.UNKNOWN && p.interval().assessable()).count();
        if (!regressions.isEmpty()) {
            out.append("check: FAILED, ").append(regressions.size()).append(" configuration(s) regressed:\n");
            regressions.forEach(p -> out.append("  ").append(p.key()).append(": ").append(change(p)).append('\n'));
            return new Outcome(1, out.toString(), regressions);
        }
        if (assessed == 0) {
            out.append("check: NOT ASSESSED: ").append(notAssessedReason(c)).append('\n');
            return new Outcome(3, out.toString(), regressions);
        }
        out.append("check: OK, no significant regression beyond ").append(Fmt.num(maxRegression * 100)).append("%")
                .append(assessed < c.pairs.size() ? " (" + assessed + " of " + c.pairs.size() + " configurations assessed)" : "").append(".\n");
        return new Outcome(0, out.toString(), regressions);
    }

    /** Why no configuration could be judged, and what would make the results assessable. */
    private static String notAssessedReason(Comparison c) {
        if (c.pairs.isEmpty()) {
            return "no configuration is present in both results (same benchmarks and params are needed; "
                    + (c.onlyBaseline.size() + c.onlyCandidate.size()) + " appear on one side only).";
        }
        boolean oneFork = c.pairs.stream().anyMatch(p -> !p.interval().assessable());
        return oneFork ? "every configuration has fewer than 2 forks on a side, so no difference can be told from noise; "
                + "run baseline and candidate with -f 3 (see the CI snippet in the README)."
                : "no compared metric has a unit whose better direction is known.";
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
