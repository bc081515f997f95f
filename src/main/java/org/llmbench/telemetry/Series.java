package org.llmbench.telemetry;

/**
 * One quantity sampled over a window: sample count, peak, and the trapezoid integral over time, so
 * the mean is time-weighted (samples need not be evenly spaced) and power integrates to energy.
 * Non-finite values (a reading that failed) are skipped. Not thread-safe: one sampler thread feeds it.
 */
public final class Series {
    private long count;
    private double peak = Double.NEGATIVE_INFINITY;
    private double sum;
    private double integral; // value x seconds
    private long firstNanos, lastNanos;
    private double lastValue;

    public void add(long timeNanos, double value) {
        if (!Double.isFinite(value)) return;
        if (count > 0) {
            if (timeNanos < lastNanos) throw new IllegalArgumentException("samples must come in time order");
            integral += (lastValue + value) / 2 * (timeNanos - lastNanos) * 1e-9;
        } else {
            firstNanos = timeNanos;
        }
        lastNanos = timeNanos;
        lastValue = value;
        peak = Math.max(peak, value);
        sum += value;
        count++;
    }

    public long count() {
        return count;
    }

    /** Time-weighted mean (integral / duration); the plain mean when all samples share one instant; NaN when empty. */
    public double mean() {
        if (count == 0) return Double.NaN;
        long span = lastNanos - firstNanos;
        return span > 0 ? integral / (span * 1e-9) : sum / count;
    }

    public double peak() {
        return count == 0 ? Double.NaN : peak;
    }

    /** Integral of the value over the sampled span, in value-seconds (W -> J); NaN with fewer than two samples. */
    public double integral() {
        return count < 2 ? Double.NaN : integral;
    }

    public double seconds() {
        return count == 0 ? 0 : (lastNanos - firstNanos) * 1e-9;
    }

    public double last() {
        return count == 0 ? Double.NaN : lastValue;
    }
}
