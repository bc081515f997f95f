package org.llmbench.results;

import java.util.Arrays;

/**
 * Distribution of one latency metric over the requests of one endpoint × load level (× prompt group).
 * Percentiles use linear interpolation between the two closest ranks (Hyndman–Fan type 7, numpy's
 * default): p-th percentile of n sorted values = x[h] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]), h = (n − 1)·p/100.
 * {@code std} is the sample standard deviation (n − 1). Every field is NaN when there are no values.
 */
public record EndpointStats(int count, double mean, double median, double std, double p90, double p95, double p99, double max) {
    public static final EndpointStats EMPTY = new EndpointStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Statistics of the finite values given (NaN values are left out). */
    public static EndpointStats of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int n = v.length;
        if (n == 0) return EMPTY;
        double sum = 0;
        for (double x : v) sum += x;
        double mean = sum / n, squares = 0;
        for (double x : v) squares += (x - mean) * (x - mean);
        double std = n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN;
        return new EndpointStats(n, mean, percentile(v, 50), std, percentile(v, 90), percentile(v, 95), percentile(v, 99), v[n - 1]);
    }

    /** The p-th percentile (0..100) of sorted values by linear interpolation (type 7); NaN when empty. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        double h = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) return sorted[sorted.length - 1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
