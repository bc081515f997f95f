package org.llmbench.report;

import org.llmbench.results.Direction;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The paired statistics on hand-made pair series. */
class PairedStatisticsTest {
    static final String KEY = "DecodeBenchmark.decode [thrpt] batch=1";

    /** n fork scores around 100 with multiplicative noise of the given spread (deterministic). */
    static double[] noisy(int n, double spread, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 100 * Math.exp(spread * r.nextGaussian());
        return v;
    }

    static double[] times(double[] v, double f) {
        return Arrays.stream(v).map(x -> x * f).toArray();
    }

    @Test
    void identicalPairsAreSameWithAZeroWidthInterval() {
        double[] base = noisy(10, 0.03, 1);
        PairedComparison c = PairedComparison.of(KEY, "ops/s", base, base.clone());
        assertEquals(1.0, c.medianRatio());
        assertEquals(1.0, c.low());
        assertEquals(1.0, c.high());
        assertEquals(0.0, c.noiseBand());
        assertEquals(Verdict.SAME, c.verdict(0.05));
        assertEquals(Verdict.SAME, c.verdict(0.0)); // not even a 0% gate fires on identical pairs
    }

    @Test
    void tenPercentSlowerIsSlowerInEitherDirection() {
        double[] base = noisy(12, 0.03, 2), jitter = noisy(12, 0.01, 3);
        double[] lessThroughput = new double[12], moreTime = new double[12];
        for (int i = 0; i < 12; i++) {
            lessThroughput[i] = base[i] * 0.90 * jitter[i] / 100;
            moreTime[i] = base[i] * 1.10 * jitter[i] / 100;
        }
        PairedComparison rate = PairedComparison.of(KEY, "ops/s", base, lessThroughput);
        assertEquals(Verdict.SLOWER, rate.verdict(0.05), rate.toString());
        assertEquals(0.10, rate.worse(), 0.015);
        double[] w = rate.worseInterval();
        assertTrue(w[0] > 0.05 && w[0] <= rate.worse() && rate.worse() <= w[1], Arrays.toString(w));
        PairedComparison time = PairedComparison.of("PrefillBenchmark.ttft [avgt]", "ms/op", base, moreTime);
        assertEquals(Verdict.SLOWER, time.verdict(0.05));
        assertEquals(0.10, time.worse(), 0.015);
        // the other way round it is faster
        assertEquals(Verdict.FASTER, PairedComparison.of(KEY, "ms/op", base, lessThroughput).verdict(0.05));
        // and a 20% gate lets a 10% slowdown pass
        assertEquals(Verdict.SAME, rate.verdict(0.20));
    }

    @Test
    void aDriftingBaselineWithAConstantRatioIsJudgedByTheRatio() {
        // the machine slows by 3% a pair (60% over the run); the candidate is always exactly 10% slower than its partner
        int n = 20;
        double[] base = new double[n], cand = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = 100 / (1 + 0.03 * i);
            cand[i] = base[i] * 0.9;
        }
        PairedComparison paired = PairedComparison.of(KEY, "ops/s", base, cand);
        assertEquals(0.9, paired.medianRatio(), 1e-12);
        assertEquals(0.9, paired.low(), 1e-12);
        assertEquals(0.9, paired.high(), 1e-12);
        assertEquals(Verdict.SLOWER, paired.verdict(0.05));
        assertEquals(0.0, paired.noiseBand(), 1e-12);
        // the same numbers unpaired (check's two-sample interval) only see two wide, overlapping spreads
        RatioInterval unpaired = RatioInterval.of(base, cand);
        assertEquals(Verdict.AMBIGUOUS, Verdict.ofRatio(unpaired.low(), unpaired.high(), Direction.HIGHER_IS_BETTER, 0.05), unpaired.toString());
    }

    @Test
    void oneOutlierPairMovesNeitherTheVerdictNorTheBand() {
        double[] base = noisy(10, 0.02, 4), cand = times(noisy(10, 0.02, 4), 1.0);
        for (int i = 0; i < 10; i++) cand[i] = base[i] * (1 + 0.01 * ((i % 3) - 1)); // ratios 0.99, 1.00, 1.01
        PairedComparison clean = PairedComparison.of(KEY, "ops/s", base, cand);
        cand[6] = base[6] * 0.5; // one pair disturbed: the candidate's fork ran at half speed
        PairedComparison disturbed = PairedComparison.of(KEY, "ops/s", base, cand);
        assertEquals(Verdict.SAME, clean.verdict(0.05));
        assertEquals(Verdict.SAME, disturbed.verdict(0.05), disturbed.toString());
        assertEquals(1.0, disturbed.medianRatio(), 0.011);
        assertTrue(disturbed.noiseBand() < 0.015, "robust band: " + disturbed.noiseBand());
        assertTrue(disturbed.low() > 0.95, "interval: " + disturbed.low());
    }

    @Test
    void aZeroScoreLeavesTheConfigurationNotAssessed() {
        PairedComparison c = PairedComparison.of(KEY, "ops/s", new double[]{10, 0, 10}, new double[]{10, 10, 10});
        assertEquals(Verdict.NOT_ASSESSED, c.verdict(0.05));
    }

    @Test
    void mismatchedPairCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(KEY, "ops/s", new double[3], new double[2]));
    }

    @Test
    void theFastBootstrapEqualsAPlainOneDrawForDraw() {
        for (int n : new int[]{2, 3, 10, 21}) {
            double[] v = noisy(n, 0.05, n);
            double[] fast = MedianBootstrap.interval(v, new SplittableRandom(9), 2000);
            // plain: draw the same ranks of the sorted sample, sort each resample, take its median
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            SplittableRandom r = new SplittableRandom(9);
            double[] medians = new double[2000];
            for (int k = 0; k < medians.length; k++) {
                double[] re = new double[n];
                for (int j = 0; j < n; j++) re[j] = sorted[r.nextInt(n)];
                medians[k] = MedianBootstrap.median(re);
            }
            Arrays.sort(medians);
            assertArrayEquals(new double[]{MedianBootstrap.quantile(medians, 0.025), MedianBootstrap.quantile(medians, 0.975)}, fast, "n=" + n);
            assertTrue(fast[0] <= MedianBootstrap.median(v) && MedianBootstrap.median(v) <= fast[1]);
        }
        assertTrue(Double.isNaN(MedianBootstrap.interval(new double[]{1.0}, 1)[0]));
        assertArrayEquals(MedianBootstrap.interval(noisy(15, 0.05, 1), 3), MedianBootstrap.interval(noisy(15, 0.05, 1), 3), "seeded: reproducible");
    }

    @Test
    void noiseBandIsOneStandardDeviationOfNormalNoise() {
        double sigma = 0.03;
        double band = NoiseBand.of(noisy(4001, sigma, 5));
        assertEquals(Math.expm1(sigma), band, 0.1 * band);
        // pooled groups with different centres: each is measured from its own median
        double band2 = NoiseBand.pooled(List.of(noisy(2001, sigma, 6), times(noisy(2000, sigma, 7), 3.0)));
        assertEquals(Math.expm1(sigma), band2, 0.1 * band2);
        assertTrue(Double.isNaN(NoiseBand.of(new double[]{1.0})));
    }
}
