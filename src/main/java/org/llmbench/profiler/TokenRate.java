package org.llmbench.profiler;

import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

/** Reads a benchmark's token rate (an @AuxCounters secondary result such as "tokens") from an iteration. */
final class TokenRate {
    private TokenRate() {
    }

    /** Tokens per second, or NaN when the iteration has no such result or it is not a rate. */
    static double perSecond(IterationResult iteration, String label) {
        if (iteration == null) return Double.NaN;
        Result<?> r = iteration.getSecondaryResults().get(label);
        if (r == null) return Double.NaN;
        return perSecond(r.getScore(), r.getScoreUnit());
    }

    /** A score in "X/&lt;time unit&gt;" (JMH's ops/s, ops/ms, ...) converted to per second; NaN for any other unit. */
    static double perSecond(double score, String unit) {
        int slash = unit == null ? -1 : unit.lastIndexOf('/');
        if (slash < 0) return Double.NaN;
        double seconds = switch (unit.substring(slash + 1)) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            case "hr" -> 3600;
            case "day" -> 86400;
            default -> Double.NaN;
        };
        return score / seconds;
    }
}
