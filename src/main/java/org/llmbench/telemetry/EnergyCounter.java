package org.llmbench.telemetry;

/** Differences of a monotonic energy counter that wraps to zero after {@code range} (RAPL's max_energy_range_uj). */
public final class EnergyCounter {
    private EnergyCounter() {
    }

    /**
     * Energy between two readings of a counter that counts 0..range and wraps; one wrap at most is
     * assumed (RAPL ranges are tens of minutes of full load, far longer than an iteration).
     * A range of 0 or less means the counter does not wrap (NVML's 64-bit millijoules).
     */
    public static long delta(long before, long after, long range) {
        if (after >= before) return after - before;
        if (range <= 0) throw new IllegalArgumentException("counter went backwards (" + before + " -> " + after + ") and has no wrap range");
        return range - before + after;
    }
}
