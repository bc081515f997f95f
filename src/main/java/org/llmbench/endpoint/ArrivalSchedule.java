package org.llmbench.endpoint;

import java.util.SplittableRandom;

/**
 * Open-loop arrival times: gaps drawn from a gamma distribution with shape G (the burstiness) and
 * scale 1/(R·G), so the mean gap is 1/R and the squared coefficient of variation is 1/G; G = 1 is
 * a Poisson process. Gamma variates by Marsaglia and Tsang's method, with the usual boost
 * (G+1, then · U^(1/G)) below shape 1. Seeded: the same seed gives every endpoint the same arrivals.
 */
final class ArrivalSchedule {
    private final double shape, scale;
    private final SplittableRandom random;

    ArrivalSchedule(double ratePerSecond, double burstiness, long seed) {
        this.shape = burstiness;
        this.scale = 1.0 / (ratePerSecond * burstiness);
        this.random = new SplittableRandom(seed);
    }

    /** The next gap, in seconds. */
    double nextGapSeconds() {
        return gamma(shape) * scale;
    }

    private double gamma(double a) {
        if (a < 1) {
            double u = random.nextDouble();
            return gamma(a + 1) * Math.pow(u == 0 ? Double.MIN_VALUE : u, 1 / a);
        }
        double d = a - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
        }
    }
}
