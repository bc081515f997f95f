package org.llmbench.report;

/**
 * One JMH metric of one configuration: JMH's score and its 99.9% error half-width, its unit,
 * and the samples behind it (one per measurement iteration, all forks pooled).
 *
 * @param samples per-iteration scores; for SampleTime, each iteration's histogram mean
 */
public record Metric(double score, double error, String unit, double[] samples) {
    /** Relative error (error / score), NaN when unknown. */
    public double relativeError() {
        return Double.isFinite(error) && score != 0 ? Math.abs(error / score) : Double.NaN;
    }

    /** This metric with every sample and the score scaled (used to express a metric in another unit). */
    public Metric scaled(double factor, String newUnit) {
        double[] s = samples.clone();
        for (int i = 0; i < s.length; i++) s[i] *= factor;
        return new Metric(score * factor, error * Math.abs(factor), newUnit, s);
    }
}
