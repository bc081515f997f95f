package org.llmbench.endpoint;

import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;
import org.llmbench.results.EndpointSlo;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class LoadPlanTest {
    private static void rejected(String expected, Runnable r) {
        String m = assertThrows(LlmbenchException.class, r::run).getMessage();
        assertTrue(m.contains(expected), m);
    }

    @Test
    void levelsAreCheckedAgainstTheirMode() {
        assertEquals(List.of(1.0, 2.0, 4.0, 8.0), LoadPlan.parseLevels("1, 2,4,8", LoadMode.CONCURRENT));
        assertEquals(List.of(0.5, 2.0), LoadPlan.parseLevels("0.5,2", LoadMode.RATE));
        rejected("--concurrency value '0' is invalid; give whole numbers from 1 to 10000", () -> LoadPlan.parseLevels("1,0", LoadMode.CONCURRENT));
        rejected("--concurrency value '1.5' is invalid", () -> LoadPlan.parseLevels("1.5", LoadMode.CONCURRENT));
        rejected("--rate value 'fast' is invalid; give rates in requests per second above 0", () -> LoadPlan.parseLevels("fast", LoadMode.RATE));
        rejected("--rate value '-1' is invalid", () -> LoadPlan.parseLevels("-1", LoadMode.RATE));
        rejected("--rate value '2' is given twice", () -> LoadPlan.parseLevels("2,2", LoadMode.RATE));
        rejected("--mode 'burst' is invalid; valid modes are sequential, concurrent and rate", () -> LoadMode.parse("burst"));
        rejected("--schedule 'random' is invalid; valid schedules are interleaved and parallel", () -> Schedule.parse("random"));
    }

    @Test
    void sloAndDurationsTakeUnits() {
        assertEquals(new EndpointSlo(500, 50, 10_000), LoadPlan.parseSlo("ttft=500ms,tpot=50ms,e2e=10s"));
        assertEquals(new EndpointSlo(Double.NaN, Double.NaN, 1500), LoadPlan.parseSlo("E2E=1.5s"));
        rejected("--slo key 'itl' is invalid; valid keys are ttft, tpot and e2e", () -> LoadPlan.parseSlo("itl=5ms"));
        rejected("--slo 'ttft=soon' is invalid", () -> LoadPlan.parseSlo("ttft=soon"));
        rejected("--slo 'ttft' is invalid", () -> LoadPlan.parseSlo("ttft"));
        assertEquals(Duration.ofSeconds(90), LoadPlan.parseDuration("90s", "--duration", Duration.ofDays(1)));
        assertEquals(Duration.ofMinutes(5), LoadPlan.parseDuration("5m", "--duration", Duration.ofDays(1)));
        assertEquals(Duration.ofMillis(1500), LoadPlan.parseDuration("1.5", "--timeout", Duration.ofDays(1)));
        rejected("--timeout '0s' is invalid; give a time above 0", () -> LoadPlan.parseDuration("0s", "--timeout", Duration.ofDays(1)));
        rejected("--duration '2d' is invalid", () -> LoadPlan.parseDuration("2d", "--duration", Duration.ofDays(7)));
    }

    @Test
    void gammaArrivalsHaveTheRateAndTheBurstinessAsked() {
        for (double g : new double[]{0.5, 1, 4}) {
            ArrivalSchedule a = new ArrivalSchedule(10, g, 42);
            int n = 40_000;
            double sum = 0, squares = 0;
            for (int i = 0; i < n; i++) {
                double x = a.nextGapSeconds();
                assertTrue(x >= 0);
                sum += x;
                squares += x * x;
            }
            double mean = sum / n, variance = squares / n - mean * mean;
            assertEquals(0.1, mean, 0.004, "mean gap 1/R at burstiness " + g);
            assertEquals(1 / g, variance / (mean * mean), 0.08 / Math.min(1, g), "squared coefficient of variation 1/G at burstiness " + g);
        }
        ArrivalSchedule x = new ArrivalSchedule(3, 1, 7), y = new ArrivalSchedule(3, 1, 7);
        for (int i = 0; i < 100; i++) assertEquals(x.nextGapSeconds(), y.nextGapSeconds(), "one seed, one schedule for every endpoint");
        assertNotEquals(new SplittableRandom(1).nextDouble(), new ArrivalSchedule(3, 1, 8).nextGapSeconds());
    }

    @Test
    void interleavedStepsAreSmall() {
        LoadPlan seq = new LoadPlan(LoadMode.SEQUENTIAL, List.of(1.0), Schedule.INTERLEAVED, 1, 1, 18, null, 1, 42, 256, EndpointSlo.NONE);
        assertEquals(1, seq.stepSize(1));
        LoadPlan conc = new LoadPlan(LoadMode.CONCURRENT, List.of(4.0), Schedule.INTERLEAVED, 1, 1, 18, null, 1, 42, 256, EndpointSlo.NONE);
        assertEquals(16, conc.stepSize(4));
        LoadPlan rate = new LoadPlan(LoadMode.RATE, List.of(0.5), Schedule.INTERLEAVED, 1, 1, 18, null, 1, 42, 256, EndpointSlo.NONE);
        assertEquals(4, rate.stepSize(0.5));
        assertEquals(40, rate.stepSize(10));
    }
}
