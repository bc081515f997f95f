package org.llmbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How far a single sample (a paired ratio, or a fork's median) typically strays from the median: one
 * standard deviation, estimated robustly (1.4826 x the median absolute deviation of the logarithms),
 * so one disturbed pair widens it no more than it moves the median the gate decides on. About 68% of
 * single pairs fall inside the band, 95% inside twice it. As a fraction: 0.03 means +-3%.
 */
public final class NoiseBand {
    /** MAD x this = sigma for normal noise. */
    private static final double MAD_TO_SIGMA = 1.482602;

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
        return Math.expm1(MAD_TO_SIGMA * mad);
    }
}
