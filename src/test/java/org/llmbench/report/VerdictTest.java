package org.llmbench.report;

import org.llmbench.results.Direction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.llmbench.report.Verdict.*;

/** The verdict table: where the 95% interval of "how much worse" lies against the threshold, and the exit codes. */
class VerdictTest {
    static final double T = 0.05;

    @Test
    void intervalAgainstTheThreshold() {
        Object[][] table = {
                // worse low, worse high, verdict
                {0.06, 0.12, SLOWER},        // wholly beyond +5%
                {0.0501, 0.0502, SLOWER},
                {0.02, 0.08, AMBIGUOUS},     // straddles +5%: more pairs needed
                {-0.10, 0.30, AMBIGUOUS},    // very noisy
                {0.05, 0.06, AMBIGUOUS},     // touching the threshold is not beyond it
                {-0.01, 0.01, SAME},
                {0.01, 0.05, SAME},          // slower, significantly, but within the threshold
                {-0.08, 0.01, SAME},         // maybe faster, not surely by 5%
                {-0.12, -0.06, FASTER},      // wholly beyond -5%
                {Double.NaN, Double.NaN, NOT_ASSESSED},
                {0.01, Double.NaN, NOT_ASSESSED},
        };
        for (Object[] row : table) {
            assertEquals(row[2], Verdict.of((double) row[0], (double) row[1], T), row[0] + ".." + row[1]);
        }
    }

    @Test
    void ratiosAreReadInTheUnitsDirection() {
        // rates: ratio new/old 0.90..0.93 = 7%..10% less throughput
        assertEquals(SLOWER, ofRatio(0.90, 0.93, Direction.HIGHER_IS_BETTER, T));
        assertEquals(FASTER, ofRatio(0.90, 0.93, Direction.LOWER_IS_BETTER, T)); // 7%..10% less time
        assertEquals(SLOWER, ofRatio(1.07, 1.10, Direction.LOWER_IS_BETTER, T));
        assertEquals(FASTER, ofRatio(1.07, 1.10, Direction.HIGHER_IS_BETTER, T));
        assertEquals(NOT_ASSESSED, ofRatio(0.5, 0.6, Direction.UNKNOWN, T));
        assertEquals(0.1, worse(0.9, Direction.HIGHER_IS_BETTER), 1e-12);
        assertEquals(0.1, worse(1.1, Direction.LOWER_IS_BETTER), 1e-12);
    }

    @Test
    void overallVerdictAndExitCodes() {
        assertEquals(SLOWER, overall(List.of(SAME, AMBIGUOUS, SLOWER, NOT_ASSESSED)));
        assertEquals(AMBIGUOUS, overall(List.of(SAME, FASTER, AMBIGUOUS)));
        assertEquals(SAME, overall(List.of(SAME, FASTER, NOT_ASSESSED)));
        assertEquals(FASTER, overall(List.of(FASTER, NOT_ASSESSED)));
        assertEquals(NOT_ASSESSED, overall(List.of(NOT_ASSESSED)));
        assertEquals(NOT_ASSESSED, overall(List.of()));
        assertEquals(List.of(0, 0, 1, 3, 4), List.of(SAME.exitCode(), FASTER.exitCode(), SLOWER.exitCode(), NOT_ASSESSED.exitCode(), AMBIGUOUS.exitCode()));
        assertEquals("NOT ASSESSED", NOT_ASSESSED.word());
    }
}
