package org.llmbench.endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * The time an endpoint was under load at one level: one interval under the parallel schedule, one
 * per step under the interleaved one (the other endpoints' turns are not its time). Rates divide by
 * {@link #totalMs()}; a moment is placed on this window's own clock by {@link #offsetMs(double)}.
 */
final class ActiveWindow {
    private final List<double[]> intervals = new ArrayList<>();

    synchronized void add(double startMs, double endMs) {
        if (endMs > startMs) intervals.add(new double[]{startMs, endMs});
    }

    synchronized double totalMs() {
        double total = 0;
        for (double[] i : intervals) total += i[1] - i[0];
        return total;
    }

    /** Milliseconds of active time before {@code tMs}; a moment between intervals counts as the end of the earlier one. */
    synchronized double offsetMs(double tMs) {
        double offset = 0;
        for (double[] i : intervals) {
            if (tMs <= i[0]) break;
            offset += Math.min(tMs, i[1]) - i[0];
        }
        return offset;
    }
}
