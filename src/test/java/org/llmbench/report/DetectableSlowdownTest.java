package org.llmbench.report;

import org.llmbench.results.Direction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** calibrate's power analysis, checked against a direct simulation with the slowdown really injected. */
class DetectableSlowdownTest {
    @Test
    void moreNoiseOrFewerPairsNeedALargerSlowdownAndAATrulyPasses() {
        double[] aa = PairedStatisticsTest.noisy(40, 0.03, 11); // A/A pair ratios around 1 with 3% noise
        for (int i = 0; i < aa.length; i++) aa[i] /= 100;
        List<DetectableSlowdown.Row> rows = DetectableSlowdown.table(aa, Direction.HIGHER_IS_BETTER, 0.05, new int[]{5, 10, 20, 40}, 1);
        assertEquals(4, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i).caught() <= rows.get(i - 1).caught() + 0.005, rows.toString());
            assertTrue(rows.get(i).thresholdForSame() <= rows.get(i - 1).thresholdForSame() + 0.005, rows.toString());
        }
        for (DetectableSlowdown.Row r : rows) {
            assertEquals(0.0, r.slower(), 0.01, "A/A runs are not SLOWER: " + r);
            assertTrue(r.caught() > 0.05 && r.caught() < 0.25, r.toString());
        }
        DetectableSlowdown.Row twenty = rows.get(2);
        // the median of 20 ratios with 3% noise has a standard error near 1.25 * 3% / sqrt(20) = 0.84%
        assertTrue(twenty.caught() > 0.06 && twenty.caught() < 0.10, twenty.toString());
        // 10 pairs make a 5% gate that catches 10% (SE ~1.2%); catching 7.5% takes 20
        assertEquals(10, DetectableSlowdown.enough(rows, 0.10).pairs(), rows.toString());
        assertEquals(20, DetectableSlowdown.enough(rows, 0.075).pairs(), rows.toString());
        assertNull(DetectableSlowdown.enough(rows, 0.051));
    }

    @Test
    void theCaughtSlowdownIsCaughtInNinetyFivePercentOfDirectlySimulatedRuns() {
        double[] aa = PairedStatisticsTest.noisy(30, 0.04, 12);
        for (int i = 0; i < aa.length; i++) aa[i] /= 100;
        int n = 10;
        double t = 0.05;
        DetectableSlowdown.Row row = DetectableSlowdown.table(aa, Direction.HIGHER_IS_BETTER, t, new int[]{n}, 2).get(0);
        assertTrue(rate(aa, n, row.caught(), t) >= 0.92, "at " + row.caught());
        assertTrue(rate(aa, n, row.caught() - 0.02, t) < 0.95, "below " + row.caught());
    }

    /** Share of gate runs, each n ratios drawn from aa and scaled by (1 - slowdown), that come out SLOWER. */
    private static double rate(double[] aa, int n, double slowdown, double t) {
        SplittableRandom r = new SplittableRandom(99);
        int slower = 0, runs = 600;
        for (int k = 0; k < runs; k++) {
            double[] base = new double[n], cand = new double[n];
            for (int i = 0; i < n; i++) {
                base[i] = 10;
                cand[i] = 10 * aa[r.nextInt(aa.length)] * (1 - slowdown);
            }
            if (PairedComparison.of("k", "ops/s", base, cand).verdict(t) == Verdict.SLOWER) slower++;
        }
        return slower / (double) runs;
    }
}
