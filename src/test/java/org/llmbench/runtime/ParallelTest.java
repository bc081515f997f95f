package org.llmbench.runtime;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.*;

class ParallelTest {
    @Test
    void everyIndexRunsExactlyOnceOverManyCalls() {
        try (Parallel pool = new Parallel(3)) {
            for (int n : new int[]{1, 2, 7, 16, 17, 100, 1001}) {
                for (int grain : new int[]{1, 3, 16}) {
                    for (int call = 0; call < 50; call++) {
                        AtomicIntegerArray hits = new AtomicIntegerArray(n);
                        pool.forRange(n, grain, (a, b) -> {
                            assertTrue(0 <= a && a < b && b <= n, a + ".." + b);
                            for (int i = a; i < b; i++) hits.incrementAndGet(i);
                        });
                        for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "n " + n + " grain " + grain + " index " + i);
                    }
                }
            }
        }
    }

    @Test
    void aFailingPieceFailsTheCallAndThePoolStaysUsable() {
        try (Parallel pool = new Parallel(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.forRange(64, 1, (a, b) -> {
                if (a <= 40 && 40 < b) throw new IllegalStateException("piece 40");
            }));
            assertEquals("piece 40", e.getMessage());
            AtomicIntegerArray hits = new AtomicIntegerArray(64);
            pool.forRange(64, 1, (a, b) -> { for (int i = a; i < b; i++) hits.incrementAndGet(i); });
            for (int i = 0; i < 64; i++) assertEquals(1, hits.get(i));
        }
    }

    @Test
    void helpersParkAfterSpinningAndWakeForTheNextCall() throws InterruptedException {
        try (Parallel pool = new Parallel(2)) {
            Thread.sleep(5); // well past the spin time: the helper is parked now
            AtomicIntegerArray byThread = new AtomicIntegerArray(1);
            long caller = Thread.currentThread().getId();
            long giveUp = System.nanoTime() + 10_000_000_000L; // a busy machine may not schedule the helper at once
            while (byThread.get(0) == 0 && System.nanoTime() < giveUp) {
                pool.forRange(8, 1, (a, b) -> {
                    if (Thread.currentThread().getId() != caller) byThread.incrementAndGet(0);
                    long until = System.nanoTime() + 100_000;
                    while (System.nanoTime() < until) Thread.onSpinWait(); // long enough for the helper to take a piece
                });
            }
            assertTrue(byThread.get(0) > 0, "the helper never took a piece");
        }
    }
}
