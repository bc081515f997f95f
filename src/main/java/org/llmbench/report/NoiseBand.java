package org.llmbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How far single samples (paired ratios, or fork medians) stray from their median: the band that
 * would hold 95% of them were the noise normal, estimated robustly (1.96 x 1.4826 x the median
 * absolute deviation of their logarithms), so one disturbed pair widens it no more than it moves the
 * median the gate decides on. As a fraction: 0.03 means +-3%.
 */
public final class NoiseBand {
    private static final double Z95_TIMES_MAD_TO_SIGMA = 1.959964 * 1.482602;

    private NoiseBand() {
    }

    /** The band of one group of values (NaN with fewer than 2). */
    public static double of(double[] values) {
        return pooled(List.of(values));
    }

    /**
     * Several groups with their own centres (the forks of baseline and of candidate): each value's
     * distance from its own group's median, pooled. In an odd group the median element itself is
     * left out: its distance is zero by construction and says nothing about the noise.
     */
    public static double pooled(List<double[]> groups) {
        List<Double> deviations = new ArrayList<>();
        for (double[] g : groups) {
            if (g.length < 2) continue;
            double[] logs = Arrays.stream(g).filter(v -> v > 0 && Double.isFinite(v)).map(Math::log).sorted().toArray();
            double centre = MedianBootstrap.median(logs);
            for (int i = 0; i < logs.length; i++) {
                if (logs.length % 2 == 1 && i == logs.length / 2) continue;
                deviations.add(Math.abs(logs[i] - centre));
            }
        }
        if (deviations.size() < 2) return Double.NaN;
        double mad = MedianBootstrap.median(deviations.stream().mapToDouble(Double::doubleValue).toArray());
        return Math.expm1(Z95_TIMES_MAD_TO_SIGMA * mad);
    }
}
