package org.llmbench.report;

import org.llmbench.results.Direction;

/**
 * One configuration of a paired A/B run: pair i holds one baseline fork and one candidate fork run
 * back to back (in random order), so drift of the machine falls on both alike and cancels in their
 * ratio. The verdict comes from the median of the ratios candidate / baseline and its bootstrap 95%
 * interval ({@link MedianBootstrap}, fixed seed): a median, because one disturbed pair should not
 * decide; ratios, because a slow machine hour scales both forks of a pair.
 *
 * @param baseline  each pair's baseline score (a fork's median iteration score), in run order
 * @param candidate each pair's candidate score, in the baseline's unit
 * @param ratios    candidate / baseline per pair
 * @param noiseBand how far a single pair ratio typically strays from their median ({@link NoiseBand}), a fraction
 */
public record PairedComparison(String key, String unit, Direction direction, double[] baseline, double[] candidate,
                               double[] ratios, double medianRatio, double low, double high, double noiseBand) {
    static final long SEED = 0x5EEDL;

    public static PairedComparison of(String key, String unit, double[] baseline, double[] candidate) {
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException(key + ": " + baseline.length + " baseline vs " + candidate.length + " candidate scores");
        }
        double[] ratios = new double[baseline.length];
        boolean usable = true;
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = candidate[i] / baseline[i];
            usable &= Double.isFinite(ratios[i]) && ratios[i] > 0; // a zero or missing score has no ratio
        }
        double[] ci = usable ? MedianBootstrap.interval(ratios, SEED) : new double[]{Double.NaN, Double.NaN};
        return new PairedComparison(key, unit, Units.direction(unit), baseline.clone(), candidate.clone(), ratios,
                MedianBootstrap.median(ratios), ci[0], ci[1], NoiseBand.of(ratios));
    }

    public int pairs() {
        return ratios.length;
    }

    /** How much worse the candidate is at the median ratio (0.1 = 10% worse, negative = better). */
    public double worse() {
        return Verdict.worse(medianRatio, direction);
    }

    /** The 95% interval of {@link #worse()}: {low, high}. */
    public double[] worseInterval() {
        double a = Verdict.worse(low, direction), b = Verdict.worse(high, direction);
        return new double[]{Math.min(a, b), Math.max(a, b)};
    }

    public Verdict verdict(double threshold) {
        return Verdict.ofRatio(low, high, direction, threshold);
    }

    /** Half the width of the interval, relative to the median ratio: the resolution of this many pairs. */
    public double resolution() {
        return (high - low) / 2 / medianRatio;
    }
}
