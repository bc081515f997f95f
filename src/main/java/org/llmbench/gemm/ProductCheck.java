package org.llmbench.gemm;

import org.llmbench.LlmbenchException;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The trust check: a backend's product is compared with the double-precision reference on
 * sampled entries (always including the four corners, where tails live), so a fast but wrong
 * kernel fails its configuration instead of reporting a number.
 */
public final class ProductCheck {
    public static final int SAMPLES = 64;

    private ProductCheck() {
    }

    /** Throws an LlmbenchException naming the first entry off by more than the dtype's tolerance. */
    public static void verify(GemmBackend backend, GemmProblem problem, long seed) {
        GemmShape s = problem.shape();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int t = 0; t < SAMPLES; t++) {
            int i = switch (t) {
                case 0, 1 -> 0;
                case 2, 3 -> s.m() - 1;
                default -> rnd.nextInt(s.m());
            };
            int j = switch (t) {
                case 0, 2 -> 0;
                case 1, 3 -> s.n() - 1;
                default -> rnd.nextInt(s.n());
            };
            double want = problem.reference(i, j);
            double got = backend.product(i, j);
            double allowed = problem.dtype().tolerance() * problem.magnitude(i, j) + 1e-30;
            if (!(Math.abs(got - want) <= allowed)) { // also catches NaN
                throw new LlmbenchException(String.format(Locale.ROOT,
                        "%s %s %s: wrong product at C[%d][%d] = %.6g, reference %.6g (allowed error %.3g); no number reported.",
                        backend.id(), problem.dtype(), s, i, j, got, want, allowed));
            }
        }
    }
}
