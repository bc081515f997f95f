package org.llmbench.report;

import org.llmbench.results.Direction;
import java.util.Collection;

/**
 * What a regression gate concludes about one configuration, or about all of them, and the exit
 * code that says it to CI. Decided from the 95% interval of how much worse the candidate is
 * ("worse": throughput lost, 1 - new/old, for rates; time added, new/old - 1, for times) against the
 * largest tolerated regression t:
 * <pre>
 *   SLOWER        the whole interval is worse than t                       exit 1
 *   AMBIGUOUS     the interval straddles t: more pairs (or forks) needed   exit 4
 *   FASTER        the whole interval is better than t (SLOWER's mirror)    exit 0
 *   SAME          otherwise: at most t worse, and not surely t better      exit 0
 *   NOT ASSESSED  no interval (too few samples, unknown direction)         exit 3
 * </pre>
 */
public enum Verdict {
    SAME("SAME", 0), FASTER("FASTER", 0), SLOWER("SLOWER", 1), NOT_ASSESSED("NOT ASSESSED", 3), AMBIGUOUS("AMBIGUOUS", 4);

    private final String word;
    private final int exitCode;

    Verdict(String word, int exitCode) {
        this.word = word;
        this.exitCode = exitCode;
    }

    public String word() {
        return word;
    }

    public int exitCode() {
        return exitCode;
    }

    /** From the interval [worseLow, worseHigh] of the regression (0.1 = 10% worse, negative = better). */
    public static Verdict of(double worseLow, double worseHigh, double threshold) {
        if (!Double.isFinite(worseLow) || !Double.isFinite(worseHigh)) return NOT_ASSESSED;
        if (worseLow > threshold) return SLOWER;
        if (worseHigh > threshold) return AMBIGUOUS;
        if (worseHigh < -threshold) return FASTER;
        return SAME;
    }

    /** From an interval [low, high] of the ratio new/old, read in the unit's direction. */
    public static Verdict ofRatio(double low, double high, Direction direction, double threshold) {
        if (direction == Direction.UNKNOWN) return NOT_ASSESSED;
        double a = worse(low, direction), b = worse(high, direction);
        return of(Math.min(a, b), Math.max(a, b), threshold);
    }

    /** How much worse a ratio new/old is: 1 - r for rates (higher is better), r - 1 for times; NaN if unknown. */
    public static double worse(double ratio, Direction direction) {
        return switch (direction) {
            case HIGHER_IS_BETTER -> 1 - ratio;
            case LOWER_IS_BETTER -> ratio - 1;
            case UNKNOWN -> Double.NaN;
        };
    }

    /**
     * All configurations together: any SLOWER fails; else any AMBIGUOUS asks for more pairs; with
     * nothing assessed, NOT ASSESSED; FASTER when every assessed one is faster; else SAME.
     */
    public static Verdict overall(Collection<Verdict> verdicts) {
        if (verdicts.contains(SLOWER)) return SLOWER;
        if (verdicts.contains(AMBIGUOUS)) return AMBIGUOUS;
        if (verdicts.stream().allMatch(v -> v == NOT_ASSESSED)) return NOT_ASSESSED;
        return verdicts.stream().allMatch(v -> v == FASTER || v == NOT_ASSESSED) ? FASTER : SAME;
    }
}
