package org.llmbench.report;

import org.llmbench.results.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the configurations of two result sets by {@link JmhResult#configKey()} and compares
 * their primary metrics: ratio of medians, its bootstrap interval, and which way is better.
 */
public final class Comparison {
    /** One configuration present on both sides. {@code worseFactor} &gt; 1 means the candidate is worse. */
    public record Pair(String key, JmhResult baseline, JmhResult candidate, Metric base, Metric cand,
                       Direction direction, RatioInterval interval) {
        /** How many times worse the candidate is (1.25 = 25% worse), following the unit's direction; NaN if unknown. */
        public double worseFactor() {
            return switch (direction) {
                case HIGHER_IS_BETTER -> 1 / interval.ratio();
                case LOWER_IS_BETTER -> interval.ratio();
                case UNKNOWN -> Double.NaN;
            };
        }

        /** Significant: the 95% interval of the ratio excludes 1. */
        public boolean significant() {
            return interval.excludesOne();
        }

        /** "faster", "slower", "no significant change" or "not assessable". */
        public String verdict() {
            if (direction == Direction.UNKNOWN) return "direction unknown (" + base.unit() + ")";
            if (!interval.assessable()) return "not assessable (needs 2+ forks a side: run with -f 2 or more)";
            if (!significant()) return "no significant change";
            return worseFactor() > 1 ? "worse" : "better";
        }
    }

    public final List<Pair> pairs = new ArrayList<>();
    public final List<String> onlyBaseline = new ArrayList<>();
    public final List<String> onlyCandidate = new ArrayList<>();
    public final List<String> skipped = new ArrayList<>();

    public static Comparison of(List<JmhResult> baseline, List<JmhResult> candidate) {
        Comparison c = new Comparison();
        Map<String, JmhResult> base = index(baseline, c.skipped, "baseline");
        Map<String, JmhResult> cand = index(candidate, c.skipped, "candidate");
        for (Map.Entry<String, JmhResult> e : base.entrySet()) {
            JmhResult b = e.getValue(), n = cand.get(e.getKey());
            if (n == null) {
                c.onlyBaseline.add(e.getKey());
                continue;
            }
            Metric bm = b.primary(), nm = n.primary();
            double f = Units.factor(nm.unit(), bm.unit());
            if (Double.isNaN(f)) {
                c.skipped.add(e.getKey() + ": mixed units (" + bm.unit() + " vs " + nm.unit() + "), not compared.");
                continue;
            }
            if (f != 1.0) nm = nm.scaled(f, bm.unit());
            if (bm.samples().length == 0 || nm.samples().length == 0) {
                c.skipped.add(e.getKey() + ": no raw samples on one side, not compared.");
                continue;
            }
            c.pairs.add(new Pair(e.getKey(), b, n, bm, nm, Units.direction(bm.unit()), RatioInterval.of(bm.forkMedians(), nm.forkMedians())));
        }
        cand.keySet().stream().filter(k -> !base.containsKey(k)).forEach(c.onlyCandidate::add);
        return c;
    }

    private static Map<String, JmhResult> index(List<JmhResult> results, List<String> skipped, String side) {
        Map<String, JmhResult> m = new LinkedHashMap<>();
        for (JmhResult r : results) {
            if (m.putIfAbsent(r.configKey(), r) != null) {
                skipped.add(r.configKey() + ": appears twice in the " + side + " (" + r.source() + "); the first one is used.");
            }
        }
        return m;
    }
}
