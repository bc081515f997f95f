package org.llmbench.serve;

import org.llmbench.engine.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Continuous batching. One thread owns the session: each step is one forward pass over every
 * running request (one token each) plus a chunk of the prompts still being prefilled (at most
 * prefillChunk tokens, so a long prompt never stalls the running streams for its whole length).
 * Waiting requests take a free slot (a session row) at a step boundary, after their longest cached
 * prefix is copied in from the prefix cache; a request that finishes or whose client leaves gives
 * its slot back at once. Each request samples with its own seeded sampler.
 */
final class Scheduler implements AutoCloseable {
    private final Session session;
    private final int vocab, prefillChunk, queueCapacity;
    private final PrefixCache cache; // null: prefix cache off
    private final ServerMetrics metrics;
    private final ArrayBlockingQueue<Generation> waiting;
    private final Generation[] slots;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile int running;
    private long admitted;
    private volatile String fatal;
    /** Requests in a slot or in the queue: bounded by slots + queue, so a burst gets 503s, not a backlog. */
    private final AtomicInteger admittedOrQueued = new AtomicInteger();

    Scheduler(Session session, int vocab, int queueCapacity, int prefillChunk, PrefixCache cache, ServerMetrics metrics) {
        this.session = session;
        this.vocab = vocab;
        this.prefillChunk = prefillChunk;
        this.cache = cache;
        this.metrics = metrics;
        this.queueCapacity = queueCapacity;
        this.waiting = new ArrayBlockingQueue<>(session.batch() + queueCapacity);
        this.slots = new Generation[session.batch()];
        this.thread = new Thread(this::loop, "llmbench-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a request; false when every slot and queue place is taken or the server is stopping (answer 503). */
    boolean submit(Generation s) {
        if (stopping || fatal != null) return false;
        int held;
        do {
            held = admittedOrQueued.get();
            if (held >= slots.length + queueCapacity) return false;
        } while (!admittedOrQueued.compareAndSet(held, held + 1));
        waiting.add(s);
        return true;
    }

    int running() {
        return running;
    }

    int waiting() {
        return waiting.size();
    }

    /** False once the scheduler thread has ended (shut down or failed): nothing queued will run. */
    boolean alive() {
        return thread.isAlive();
    }

    int slots() {
        return slots.length;
    }

    private void loop() {
        try {
            while (!stopping) {
                if (running == 0) { // idle: wait for work, without spinning
                    Generation s = waiting.poll(50, TimeUnit.MILLISECONDS);
                    if (s == null) continue;
                    if (live(s)) place(s, 0); // every slot is free
                }
                admit();
                if (running > 0) step();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) { // the engine broke: nothing more can run
            fatal = t.toString();
            System.err.println("llmbench serve: the scheduler stopped: " + t);
        } finally {
            String why = fatal == null ? "The server is shutting down." : "The server's engine failed: " + fatal;
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] != null) slots[i].fail(503, why);
                slots[i] = null;
            }
            for (Generation s; (s = waiting.poll()) != null; ) s.fail(503, why);
            running = 0;
            admittedOrQueued.set(Integer.MAX_VALUE / 2); // nothing more gets in
        }
    }

    /** Fills free slots from the queue, in arrival order. */
    private void admit() {
        for (int slot = 0; slot < slots.length && !waiting.isEmpty(); slot++) {
            if (slots[slot] != null) continue;
            Generation s;
            do {
                s = waiting.poll();
            } while (s != null && !live(s));
            if (s == null) return;
            place(s, slot);
        }
    }

    /** False for a request whose client left while it waited: it is dropped and its place freed. */
    private boolean live(Generation s) {
        if (!s.cancelled()) return true;
        admittedOrQueued.decrementAndGet();
        return false;
    }

    /** Puts a request in a free slot with as much of its prompt as the prefix cache holds. */
    private void place(Generation s, int slot) {
        session.truncate(slot, 0);
        int hits = 0;
        if (cache != null) {
            PrefixCache.keys(s.prompt, s.prompt.length, s.keys);
            hits = cache.match(s.keys, (s.prompt.length - 1) / PrefixCache.BLOCK); // the last prompt token is always run: its logits give the first token
            for (int b = 0; b < hits; b++) session.importKv(slot, b * PrefixCache.BLOCK, (b + 1) * PrefixCache.BLOCK, cache.get(s.keys.get(b)), 0);
        }
        s.cached = s.fed = hits * PrefixCache.BLOCK;
        s.slot = slot;
        s.state = Generation.State.PREFILL;
        s.admittedOrder = admitted++;
        slots[slot] = s;
        running++;
        metrics.admitted(s.prompt.length, cache == null ? 0 : s.prompt.length, s.cached);
    }

    /** One forward pass: a token for each decoding request, then prompt chunks within the budget. */
    private void step() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null && slots[i].cancelled()) release(slots[i], false);
        }
        List<Generation> rows = new ArrayList<>(slots.length);
        for (Generation s : slots) if (s != null && s.state == Generation.State.DECODE) rows.add(s);
        int decoding = rows.size();
        List<Generation> prefilling = new ArrayList<>();
        for (Generation s : slots) if (s != null && s.state == Generation.State.PREFILL) prefilling.add(s);
        prefilling.sort((a, b) -> Long.compare(a.admittedOrder, b.admittedOrder));
        int budget = prefillChunk;
        List<int[]> chunks = new ArrayList<>();
        for (Generation s : prefilling) {
            if (budget == 0) break;
            int n = Math.min(budget, s.prompt.length - s.fed);
            chunks.add(java.util.Arrays.copyOfRange(s.prompt, s.fed, s.fed + n));
            rows.add(s);
            budget -= n;
        }
        if (rows.isEmpty()) return;
        int[] rowIds = new int[rows.size()];
        int[][] add = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            rowIds[i] = rows.get(i).slot;
            add[i] = i < decoding ? new int[]{rows.get(i).next} : chunks.get(i - decoding);
        }
        long t0 = System.nanoTime();
        float[] logits = session.append(rowIds, add);
        long now = System.nanoTime();
        metrics.step(now - t0);
        for (int i = 0; i < rows.size(); i++) {
            Generation s = rows.get(i);
            s.fed += add[i].length;
            if (s.state == Generation.State.PREFILL) {
                if (s.fed < s.prompt.length) continue;
                s.state = Generation.State.DECODE;
                remember(s, s.prompt.length);
            }
            int token = s.sample(logits, i * vocab, vocab);
            metrics.token(now - s.arrivalNanos, now - s.lastTokenNanos, s.generated == 0);
            s.lastTokenNanos = now;
            if (s.accept(token)) {
                metrics.finished(now - s.arrivalNanos);
                release(s, true);
                s.sendEnd();
            }
        }
    }

    /** Stores the whole blocks among the first {@code count} of a request's tokens in the prefix cache. */
    private void remember(Generation s, int count) {
        if (cache == null || count < PrefixCache.BLOCK) return;
        PrefixCache.keys(s.tokens, count, s.keys);
        int from = s.cached / PrefixCache.BLOCK, to = count / PrefixCache.BLOCK;
        cache.put(s.keys, from, to, (b, dst) -> session.exportKv(s.slot, b * PrefixCache.BLOCK, (b + 1) * PrefixCache.BLOCK, dst, 0));
    }

    private void release(Generation s, boolean finished) {
        if (finished) remember(s, s.fed); // generated tokens too: a conversation's next turn starts with them
        slots[s.slot] = null;
        session.truncate(s.slot, 0);
        running--;
        admittedOrQueued.decrementAndGet();
        s.state = Generation.State.DONE;
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(60_000); // the step in progress ends first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
