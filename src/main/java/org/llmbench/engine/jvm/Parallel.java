package org.llmbench.engine.jvm;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/** Splits index ranges over a fixed number of worker threads. */
public final class Parallel implements AutoCloseable {
    /** Work on indices [start, end). */
    @FunctionalInterface
    public interface RangeTask {
        void run(int start, int end);
    }

    private final ForkJoinPool pool;
    private final int threads;

    public Parallel(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = new ForkJoinPool(this.threads);
    }

    public int threads() {
        return threads;
    }

    /** Runs task over [0, n) in pieces of at least {@code minGrain} indices, about 4 pieces per thread. */
    public void forRange(int n, int minGrain, RangeTask task) {
        if (n <= 0) return;
        int grain = Math.max(Math.max(1, minGrain), (n + 4 * threads - 1) / (4 * threads));
        if (threads == 1 || n <= grain) {
            task.run(0, n);
        } else {
            pool.invoke(new Split(task, 0, n, grain));
        }
    }

    private static final class Split extends RecursiveAction {
        private final RangeTask task;
        private final int start, end, grain;

        Split(RangeTask task, int start, int end, int grain) {
            this.task = task;
            this.start = start;
            this.end = end;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            if (end - start <= grain) {
                task.run(start, end);
                return;
            }
            int mid = (start + end) >>> 1;
            invokeAll(new Split(task, start, mid, grain), new Split(task, mid, end, grain));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
