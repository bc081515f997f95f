package org.llmbench.endpoint;

import org.junit.jupiter.api.Test;
import org.llmbench.results.EndpointSlo;
import org.llmbench.results.EndpointSummary;
import org.llmbench.results.RequestRecord;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Metric formulas on a hand-made timeline (times in ms since the run began). */
class SummariesTest {
    static RequestRecord ok(String length, double lag, double sent, double ttft, double[] itl, double e2e, int in, int out) {
        return new RequestRecord("a", "concurrent", "1", false, 0, "p", length, "simple", "c", sent - lag, sent, ttft, e2e, itl,
                new int[0], itl.length + 1, in, out, "usage", -1, "stop", 200, "", "");
    }

    static final RequestRecord R1 = ok("short", 0, 0, 100, new double[]{50, 50, 50}, 250, 10, 4);
    static final RequestRecord R2 = ok("long", 2, 1000, 200, new double[]{100}, 300, 20, 2);
    static final RequestRecord R3 = new RequestRecord("a", "concurrent", "1", false, 2, "p", "short", "simple", "c", 1990, 2000, Double.NaN, 500,
            new double[0], new int[0], 0, -1, 0, "chunks", -1, "", 0, "timeout", "no complete answer within 500 ms");

    /** Two steps of this endpoint: [0, 1300] and [2000, 2800]; the other endpoint had the time between. */
    static ActiveWindow window() {
        ActiveWindow w = new ActiveWindow();
        w.add(0, 1300);
        w.add(2000, 2800);
        return w;
    }

    @Test
    void theActiveWindowSkipsOtherEndpointsTurns() {
        ActiveWindow w = window();
        assertEquals(2100, w.totalMs(), 1e-9);
        assertEquals(700, w.offsetMs(700), 1e-9);
        assertEquals(1300, w.offsetMs(1500), 1e-9, "a moment in the gap counts as the end of the earlier step");
        assertEquals(1400, w.offsetMs(2100), 1e-9);
    }

    @Test
    void latenciesRatesPeakAndGoodputFollowTheirFormulas() {
        List<EndpointSummary> all = Summaries.of(List.of(R1, R2, R3), Map.of(Summaries.key("a", "1"), window()),
                new EndpointSlo(150, Double.NaN, Double.NaN));
        EndpointSummary s = all.get(0);
        assertEquals(EndpointSummary.ALL, s.group());
        assertEquals(3, s.requests());
        assertEquals(2, s.succeeded());
        assertEquals("timeout=1", s.errors());
        assertEquals(150, s.ttft().median(), 1e-9);
        assertEquals(75, s.tpot().median(), 1e-9, "TPOT: (250 − 100) / 3 = 50 and (300 − 200) / 1 = 100");
        assertEquals(50, s.itl().median(), 1e-9, "ITL pooled over requests: 50, 50, 50, 100");
        assertEquals(85, s.itl().p90(), 1e-9);
        assertEquals(275, s.e2e().median(), 1e-9);
        assertEquals(2, s.scheduleLag().median(), 1e-9, "lags 0, 2, 10");
        assertEquals(2.1, s.windowSeconds(), 1e-9);
        assertEquals(2 / 2.1, s.requestsPerSecond(), 1e-9);
        assertEquals(6 / 2.1, s.outputTokensPerSecond(), 1e-9, "Σ output tokens / window, not the mean of 16 and 6.7 tokens/s");
        assertEquals(36 / 2.1, s.totalTokensPerSecond(), 1e-9);
        assertEquals(4, s.peakOutputTokensPerSecond(), 1e-9, "second 0 of the window holds R1's 4 tokens, second 1 R2's 2");
        assertEquals(1 / 2.1, s.goodputRequestsPerSecond(), 1e-9, "only R1 has TTFT ≤ 150 ms");
        assertEquals(1 / 3.0, s.goodputFraction(), 1e-9);
        assertEquals("usage", s.tokenSource());
    }

    @Test
    void promptGroupsHaveLatenciesButNoRates() {
        List<EndpointSummary> all = Summaries.of(List.of(R1, R2, R3), Map.of(Summaries.key("a", "1"), window()), EndpointSlo.NONE);
        assertEquals(List.of("all", "length=short", "length=long", "complexity=simple"), all.stream().map(EndpointSummary::group).toList());
        EndpointSummary shortPrompts = all.get(1);
        assertEquals(2, shortPrompts.requests());
        assertEquals(1, shortPrompts.succeeded());
        assertEquals(100, shortPrompts.ttft().median(), 1e-9);
        assertTrue(Double.isNaN(shortPrompts.outputTokensPerSecond()));
        assertTrue(Double.isNaN(all.get(0).goodputFraction()), "no SLO, no goodput");
    }

    @Test
    void aWindowUnderOneSecondHasNoPeak() {
        ActiveWindow w = new ActiveWindow();
        w.add(0, 400);
        EndpointSummary s = Summaries.of(List.of(R1), Map.of(Summaries.key("a", "1"), w), EndpointSlo.NONE).get(0);
        assertTrue(Double.isNaN(s.peakOutputTokensPerSecond()));
        assertEquals(4 / 0.4, s.outputTokensPerSecond(), 1e-9);
    }

    @Test
    void sloBoundsAndTheVacuousTpot() {
        EndpointSlo slo = new EndpointSlo(Double.NaN, 60, 1000);
        assertTrue(slo.met(R1), "TPOT 50 ≤ 60");
        assertFalse(slo.met(R2), "TPOT 100 > 60");
        assertFalse(slo.met(R3), "failed");
        RequestRecord oneToken = ok("short", 0, 0, 100, new double[0], 120, 5, 1);
        assertTrue(slo.met(oneToken), "one output token: no TPOT to violate");
        assertEquals("tpot ≤ 60 ms, e2e ≤ 1000 ms", slo.describe());
    }
}
