package org.llmbench.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A percentile-bootstrap confidence interval for the ratio of two medians, from the per-fork
 * median scores of two JMH runs (iterations of one fork are not independent: they share its JIT
 * decisions and drift together, so two single-fork runs of the same code can differ by 30% with
 * tight iterations). Resamples each side with replacement (a fixed seed keeps check deterministic).
 *
 * <p>Why this and not a Mann–Whitney U test: with 3 forks a side the exact two-sided U test
 * cannot reach p &lt; 0.1 however large the difference, so it could never fail CI. The bootstrap interval of the median ratio still
 * works there: with 3 vs 3 samples its 95% interval excludes 1 exactly when the two sample
 * ranges do not overlap — which pure noise does with probability 1/20 per direction — and it
 * narrows as samples grow.
 */
public record RatioInterval(double ratio, double low, double high, int baseSamples, int candidateSamples) {
    static final int RESAMPLES = 4000;
    static final double ALPHA = 0.05;

    /** Ratio median(candidate) / median(baseline) and its 95% interval; NaN bounds with fewer than 2 samples a side. */
    public static RatioInterval of(double[] baseline, double[] candidate) {
        double ratio = median(candidate) / median(baseline);
        if (baseline.length < 2 || candidate.length < 2) {
            return new RatioInterval(ratio, Double.NaN, Double.NaN, baseline.length, candidate.length);
        }
        SplittableRandom random = new SplittableRandom(0x5EEDL);
        double[] ratios = new double[RESAMPLES];
        double[] b = new double[baseline.length], c = new double[candidate.length];
        for (int i = 0; i < RESAMPLES; i++) {
            for (int j = 0; j < b.length; j++) b[j] = baseline[random.nextInt(b.length)];
            for (int j = 0; j < c.length; j++) c[j] = candidate[random.nextInt(c.length)];
            ratios[i] = median(c) / median(b);
        }
        Arrays.sort(ratios);
        return new RatioInterval(ratio, quantile(ratios, ALPHA / 2), quantile(ratios, 1 - ALPHA / 2), baseline.length, candidate.length);
    }

    /** Whether the interval could be computed (at least 2 samples each side). */
    public boolean assessable() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    /** The interval lies entirely above 1 (candidate larger) or below 1 (candidate smaller). */
    public boolean excludesOne() {
        return assessable() && (low > 1.0 || high < 1.0);
    }

    static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Sorted-array quantile by the nearest-rank rule, which stays inside the observed values. */
    private static double quantile(double[] sorted, double p) {
        int idx = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
