package org.llmbench.sysinfo;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.llmbench.LlmbenchException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * This machine's roofline, measured in Java: memory bandwidth from a STREAM-like triad
 * (a[i] = b[i] + s * c[i] over arrays far larger than the caches; 12 bytes moved per element,
 * counted as STREAM counts them, without write-allocate traffic) and peak fp32 throughput from a
 * register-resident loop of independent Vector API FMAs. Each is the best of several repetitions,
 * on one thread and on every core.
 */
public record Roofline(int threads, double triadGBps1, double triadGBpsAll, double peakGflops1, double peakGflopsAll) {
    private static final VectorSpecies<Float> F = org.llmbench.runtime.VectorWidth.FLOATS;
    /** Floats per triad array: 3 x 64 MiB, well past any L3 of today's CPUs. */
    private static final int TRIAD_FLOATS = 16 << 20;
    private static final int REPEATS = 5;
    private static final long FMA_STEPS = 20_000_000L;

    public static Roofline measure() {
        int threads = Runtime.getRuntime().availableProcessors();
        float[] a, b, c;
        try {
            a = new float[TRIAD_FLOATS];
            b = new float[TRIAD_FLOATS];
            c = new float[TRIAD_FLOATS];
        } catch (OutOfMemoryError e) {
            throw new LlmbenchException("The bandwidth test needs 192 MiB of heap; run with -Xmx512m or more.");
        }
        java.util.Arrays.fill(b, 1f);
        java.util.Arrays.fill(c, 2f);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "roofline");
            t.setDaemon(true);
            return t;
        });
        try {
            double t1 = best(pool, 1, (lo, hi) -> triad(a, b, c, lo, hi), TRIAD_FLOATS);
            double tn = best(pool, threads, (lo, hi) -> triad(a, b, c, lo, hi), TRIAD_FLOATS);
            double bytes = 12.0 * TRIAD_FLOATS;
            double flops = 2.0 * F.length() * LANES_PER_STEP * FMA_STEPS;
            double f1 = best(pool, 1, (lo, hi) -> fmaLoop(FMA_STEPS), 1);
            double fn = best(pool, threads, (lo, hi) -> fmaLoop(FMA_STEPS), threads);
            return new Roofline(threads, bytes / t1 / 1e9, bytes / tn / 1e9, flops / f1 / 1e9, threads * flops / fn / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "Roofline: triad %.1f GB/s (1 thread), %.1f GB/s (%d threads); peak fp32 %.0f GFLOPS (1 thread), %.0f GFLOPS (%d threads)%n",
                triadGBps1, triadGBpsAll, threads, peakGflops1, peakGflopsAll, threads);
        out.println("          measured now in Java (STREAM-like triad, Vector API FMA loop); a busy machine lowers both.");
    }

    private interface Work {
        void run(int lo, int hi);
    }

    /** Best wall time in seconds of running work over [0, n) split into {@code parts} parts, one thread each. */
    private static double best(ExecutorService pool, int parts, Work work, int n) {
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < REPEATS; rep++) {
            List<Future<?>> fs = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int p = 0; p < parts; p++) {
                int lo = (int) ((long) n * p / parts), hi = (int) ((long) n * (p + 1) / parts);
                fs.add(pool.submit(() -> work.run(lo, hi)));
            }
            try {
                for (Future<?> f : fs) f.get();
            } catch (Exception e) {
                throw new IllegalStateException("roofline measurement failed", e);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    static void triad(float[] a, float[] b, float[] c, int lo, int hi) {
        float s = 3f;
        for (int i = lo; i < hi; i++) a[i] = b[i] + s * c[i]; // C2 vectorizes this loop
    }

    /** Independent accumulators per step: enough to cover FMA latency x the FMA units of current cores. */
    private static final int LANES_PER_STEP = 12;

    /** Volatile sink so the JIT cannot drop the loop. */
    private static volatile float sink;

    static void fmaLoop(long steps) {
        FloatVector m = FloatVector.broadcast(F, 0.999999f), k = FloatVector.broadcast(F, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(F, 1f), a1 = a0.add(k), a2 = a1.add(k), a3 = a2.add(k), a4 = a3.add(k), a5 = a4.add(k);
        FloatVector a6 = a5.add(k), a7 = a6.add(k), a8 = a7.add(k), a9 = a8.add(k), a10 = a9.add(k), a11 = a10.add(k);
        for (long i = 0; i < steps; i++) {
            a0 = a0.fma(m, k); a1 = a1.fma(m, k); a2 = a2.fma(m, k); a3 = a3.fma(m, k);
            a4 = a4.fma(m, k); a5 = a5.fma(m, k); a6 = a6.fma(m, k); a7 = a7.fma(m, k);
            a8 = a8.fma(m, k); a9 = a9.fma(m, k); a10 = a10.fma(m, k); a11 = a11.fma(m, k);
        }
        sink = a0.add(a1).add(a2.add(a3)).add(a4.add(a5)).add(a6.add(a7)).add(a8.add(a9)).add(a10.add(a11)).reduceLanes(VectorOperators.ADD);
    }
}
