package org.llmbench.report;

/**
 * One JMH metric of one configuration: JMH's score and its 99.9% error half-width, its unit,
 * and the samples behind it (one per measurement iteration, all forks pooled).
 *
 * @param samples per-iteration scores; for SampleTime, each iteration's histogram mean
 * @param forkMedians the median iteration score of each fork: the independent samples, since
 *        iterations within one fork share its JIT decisions and memory layout and drift together
 */
public record Metric(double score, double error, String unit, double[] samples, double[] forkMedians) {
    /** Relative error (error / score), NaN when unknown. */
    public double relativeError() {
        return Double.isFinite(error) && score != 0 ? Math.abs(error / score) : Double.NaN;
    }

    /** This metric with every sample and the score scaled (used to express a metric in another unit). */
    public Metric scaled(double factor, String newUnit) {
        double[] s = samples.clone(), f = forkMedians.clone();
        for (int i = 0; i < s.length; i++) s[i] *= factor;
        for (int i = 0; i < f.length; i++) f[i] *= factor;
        return new Metric(score * factor, error * Math.abs(factor), newUnit, s, f);
    }
}
