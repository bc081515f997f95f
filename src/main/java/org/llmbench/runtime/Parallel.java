package org.llmbench.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits index ranges over a fixed number of threads: the calling thread and {@code threads - 1}
 * helpers. A decoding step makes hundreds of calls of 0.1 to 1 ms each, so waking parked threads
 * for every call (as a ForkJoinPool does) costs a large share of the step; helpers therefore spin
 * for a short while after each call before they park, and the caller works on the range too.
 */
public final class Parallel implements AutoCloseable {
    /** Work on indices [start, end). */
    @FunctionalInterface
    public interface RangeTask {
        void run(int start, int end);
    }

    /** How long an idle helper spins before parking: longer than the gaps between a step's calls. */
    private static final long SPIN_NANOS = 200_000;
    /** Pieces are claimed as threads free up; the caller's wait for the last one is about half a piece. */
    private static final int PIECES_PER_THREAD = 8;

    private final int threads;
    private final Thread[] helpers;
    private volatile Job current;
    private volatile boolean closed;

    public Parallel(int threads) {
        this.threads = Math.max(1, threads);
        this.helpers = new Thread[this.threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Thread(this::helperLoop, "llmbench-worker-" + (i + 1));
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs task over [0, n) in pieces of a multiple of {@code minGrain} indices (all but the last piece),
     * about {@link #PIECES_PER_THREAD} pieces per thread,
     * and returns when all are done. Not reentrant: a task must not call forRange on the same pool.
     */
    public void forRange(int n, int minGrain, RangeTask task) {
        if (n <= 0) return;
        int unit = Math.max(1, minGrain);
        int target = PIECES_PER_THREAD * threads;
        int grain = ((n + target - 1) / target + unit - 1) / unit * unit; // a multiple of minGrain
        if (threads == 1 || n <= grain) {
            task.run(0, n);
            return;
        }
        Job job = new Job(task, n, grain);
        current = job;
        for (Thread h : helpers) LockSupport.unpark(h);
        job.work();
        job.awaitDone();
        if (job.error != null) {
            if (job.error instanceof RuntimeException e) throw e;
            if (job.error instanceof Error e) throw e;
            throw new IllegalStateException(job.error);
        }
    }

    private void helperLoop() {
        Job seen = null;
        while (!closed) {
            Job job = current;
            if (job != seen) {
                seen = job;
                job.work();
                continue;
            }
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (current == seen && !closed && System.nanoTime() < deadline) Thread.onSpinWait();
            if (current == seen && !closed) LockSupport.park(this); // forRange unparks every helper
        }
    }

    /** One forRange call: pieces are claimed from a counter by whichever thread is free. */
    private static final class Job {
        private final RangeTask task;
        private final int n, grain, pieces;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable error;

        Job(RangeTask task, int n, int grain) {
            this.task = task;
            this.n = n;
            this.grain = grain;
            this.pieces = (n + grain - 1) / grain;
        }

        void work() {
            for (int p; (p = next.getAndIncrement()) < pieces; ) {
                try {
                    if (error == null) task.run(p * grain, Math.min(n, (p + 1) * grain));
                } catch (Throwable t) {
                    error = t;
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        void awaitDone() {
            for (int spins = 0; done.get() < pieces; spins++) {
                if (spins < 10_000) Thread.onSpinWait();
                else Thread.yield(); // a helper holding a piece was descheduled
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread h : helpers) LockSupport.unpark(h);
    }
}
