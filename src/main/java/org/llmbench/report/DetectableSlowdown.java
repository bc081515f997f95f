package org.llmbench.report;

import org.llmbench.results.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the paired gate can tell apart at a given number of pairs, learned from measured A/A pairs
 * (the same build on both sides): many synthetic gate runs are drawn by resampling the measured pair
 * ratios with replacement, each judged exactly as ab judges (bootstrap interval of the median).
 * A slowdown s is injected by scaling every ratio by (1 - s) for rates, (1 + s) for times; as the
 * median and its percentile interval scale with the ratios, each synthetic run tells at once the
 * smallest slowdown it would call SLOWER, and the 95th percentile of those is the smallest slowdown
 * caught with 95% power. The resampling assumes pairs are independent and that the machine stays as
 * noisy as during the measurement.
 */
public final class DetectableSlowdown {
    /** Synthetic gate runs per row. */
    public static final int RUNS = 500;

    /**
     * One number of pairs.
     *
     * @param same, ambiguous, slower  shares of the A/A runs with each verdict at the threshold
     * @param thresholdForSame         the smallest threshold at which 95% of A/A runs pass (SAME or FASTER)
     * @param caught                   the smallest slowdown called SLOWER in 95% of runs at the threshold
     */
    public record Row(int pairs, double same, double ambiguous, double slower, double thresholdForSame, double caught) {
    }

    private DetectableSlowdown() {
    }

    public static List<Row> table(double[] aaRatios, Direction direction, double threshold, int[] pairCounts, long seed) {
        if (aaRatios.length < 2 || direction == Direction.UNKNOWN) return List.of();
        List<Row> rows = new ArrayList<>();
        for (int n : pairCounts) rows.add(row(aaRatios, direction, threshold, n, new SplittableRandom(seed + n)));
        return rows;
    }

    static Row row(double[] aa, Direction direction, double threshold, int n, SplittableRandom random) {
        double[] worseHigh = new double[RUNS], needed = new double[RUNS];
        int same = 0, ambiguous = 0, slower = 0;
        double[] draw = new double[n];
        for (int r = 0; r < RUNS; r++) {
            for (int i = 0; i < n; i++) draw[i] = aa[random.nextInt(aa.length)];
            double[] ci = MedianBootstrap.interval(draw, random.split(), MedianBootstrap.RESAMPLES);
            double lo = ci[0], hi = ci[1];
            switch (Verdict.ofRatio(lo, hi, direction, threshold)) {
                case SLOWER -> slower++;
                case AMBIGUOUS -> ambiguous++;
                case SAME, FASTER -> same++;
                case NOT_ASSESSED -> { }
            }
            worseHigh[r] = Math.max(Verdict.worse(lo, direction), Verdict.worse(hi, direction));
            // SLOWER after injecting s: rates: 1 - hi (1 - s) > t  <=>  s > 1 - (1 - t) / hi; times: lo (1 + s) - 1 > t  <=>  s > (1 + t) / lo - 1
            needed[r] = direction == Direction.HIGHER_IS_BETTER ? 1 - (1 - threshold) / hi : (1 + threshold) / lo - 1;
        }
        Arrays.sort(worseHigh);
        Arrays.sort(needed);
        return new Row(n, same / (double) RUNS, ambiguous / (double) RUNS, slower / (double) RUNS,
                Math.max(0, MedianBootstrap.quantile(worseHigh, 0.95)), Math.max(threshold, MedianBootstrap.quantile(needed, 0.95)));
    }

    /** The smallest row whose A/A runs pass 95% of the time and that catches {@code slowdown} with 95% power; null if none. */
    public static Row enough(List<Row> rows, double slowdown) {
        return rows.stream().filter(r -> r.same() >= 0.95 && r.caught() <= slowdown).findFirst().orElse(null);
    }
}
