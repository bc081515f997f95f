package org.llmbench.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The percentile-bootstrap 95% interval of one sample's median (the paired ratios of an A/B run).
 * Resamples with replacement from a seeded generator, so a verdict is reproducible. Each resample
 * costs O(n): the sample is sorted once, a resample only counts how often each rank was drawn, and
 * its median is read off the counts (calibrate runs hundreds of thousands of resamples).
 */
public final class MedianBootstrap {
    public static final int RESAMPLES = 4000;
    static final double ALPHA = 0.05;

    private MedianBootstrap() {
    }

    /** {low, high} of the 95% interval of the median; NaN bounds with fewer than 2 values. */
    public static double[] interval(double[] values, long seed) {
        return interval(values, new SplittableRandom(seed), RESAMPLES);
    }

    static double[] interval(double[] values, SplittableRandom random, int resamples) {
        int n = values.length;
        if (n < 2) return new double[]{Double.NaN, Double.NaN};
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int[] counts = new int[n];
        double[] medians = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(counts, 0);
            for (int j = 0; j < n; j++) counts[random.nextInt(n)]++;
            medians[r] = medianOfCounts(sorted, counts, n);
        }
        Arrays.sort(medians);
        return new double[]{quantile(medians, ALPHA / 2), quantile(medians, 1 - ALPHA / 2)};
    }

    /** The median of a resample given as draw counts per rank of the sorted sample. */
    private static double medianOfCounts(double[] sorted, int[] counts, int n) {
        int lowRank = (n - 1) / 2, highRank = n / 2; // 0-based ranks of the middle value(s) in the resample
        double low = Double.NaN;
        int seen = 0;
        for (int i = 0; i < sorted.length; i++) {
            seen += counts[i];
            if (Double.isNaN(low) && seen > lowRank) low = sorted[i];
            if (seen > highRank) return (low + sorted[i]) / 2;
        }
        throw new IllegalStateException("counts do not add up to " + n);
    }

    public static double median(double[] values) {
        return RatioInterval.median(values);
    }

    /** Sorted-array quantile by the nearest-rank rule, which stays inside the observed values. */
    static double quantile(double[] sorted, double p) {
        int idx = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
