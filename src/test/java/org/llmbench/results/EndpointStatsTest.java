package org.llmbench.results;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class EndpointStatsTest {
    @Test
    void percentilesInterpolateBetweenClosestRanks() {
        double[] sorted = {10, 20, 30, 40};
        assertEquals(10, EndpointStats.percentile(sorted, 0), 1e-12);
        assertEquals(25, EndpointStats.percentile(sorted, 50), 1e-12);   // h = 1.5
        assertEquals(37, EndpointStats.percentile(sorted, 90), 1e-12);   // h = 2.7
        assertEquals(39.7, EndpointStats.percentile(sorted, 99), 1e-12); // h = 2.97
        assertEquals(40, EndpointStats.percentile(sorted, 100), 1e-12);
        assertEquals(7, EndpointStats.percentile(new double[]{7}, 99), 1e-12);
    }

    @Test
    void statsLeaveOutNaNAndUseTheSampleStandardDeviation() {
        EndpointStats s = EndpointStats.of(new double[]{4, Double.NaN, 2, 6, 8});
        assertEquals(4, s.count());
        assertEquals(5, s.mean(), 1e-12);
        assertEquals(5, s.median(), 1e-12);
        assertEquals(Math.sqrt(20.0 / 3), s.std(), 1e-12); // Σ(x − 5)² = 20, n − 1 = 3
        assertEquals(8, s.max(), 1e-12);
        assertEquals(7.4, s.p90(), 1e-12);
        assertEquals(0, EndpointStats.of(new double[0]).count());
        assertTrue(Double.isNaN(EndpointStats.of(new double[]{Double.NaN}).median()));
        assertTrue(Double.isNaN(EndpointStats.of(new double[]{3}).std()), "one value has no sample deviation");
    }
}
