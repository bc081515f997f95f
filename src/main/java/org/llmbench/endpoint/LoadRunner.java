package org.llmbench.endpoint;

import org.llmbench.results.RequestRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Drives one endpoint through a list of requests, closed loop (N in flight, the next leaves when
 * one returns) or open loop (each leaves at its scheduled time, whatever the answers do), and turns
 * every outcome into a {@link RequestRecord}. Nothing here blocks on an answer: completions come
 * back on the endpoint's dispatcher thread, which also sends the closed loop's next request.
 */
final class LoadRunner implements AutoCloseable {
    record Job(int index, Prompt prompt) {
    }

    /** Who the records are about. */
    record Context(String endpoint, String mode, String level, boolean warmup) {
    }

    private final EndpointClient client;
    private final long originNanos;
    private final Consumer<RequestRecord> sink;
    private final ExecutorService dispatcher;

    LoadRunner(EndpointClient client, long originNanos, Consumer<RequestRecord> sink) {
        this.client = client;
        this.originNanos = originNanos;
        this.sink = sink;
        this.dispatcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "llmbench-dispatch-" + client.target().name());
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code lanes} requests in flight until the jobs run out or the deadline passes; returns the step's [start, end] in ms. */
    double[] closedLoop(Context ctx, List<Job> jobs, int lanes, long deadlineNanos) {
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        int started = Math.min(lanes, jobs.size());
        AtomicInteger running = new AtomicInteger(started);
        CompletableFuture<Void> finished = new CompletableFuture<>();
        if (started == 0) finished.complete(null);
        Runnable lane = new Runnable() {
            @Override
            public void run() {
                int i = next.getAndIncrement();
                if (i >= jobs.size() || System.nanoTime() - deadlineNanos > 0) {
                    if (running.decrementAndGet() == 0) finished.complete(null);
                    return;
                }
                Job job = jobs.get(i);
                long scheduled = System.nanoTime(); // closed loop: it is due the moment its lane is free
                client.send(job.prompt()).whenCompleteAsync((outcome, error) -> {
                    try {
                        sink.accept(record(ctx, job, scheduled, outcome));
                    } finally {
                        run(); // the lane goes on whatever happened to the record
                    }
                }, dispatcher);
            }
        };
        for (int l = 0; l < started; l++) dispatcher.execute(lane);
        finished.join(); // every send completes by its timeout, so this ends
        return new double[]{ms(start), ms(System.nanoTime())};
    }

    /**
     * Sends each job at its arrival time, never waiting for answers (only for a free slot when
     * {@code maxInFlight} are out, which the schedule lag then shows). The first leaves at once.
     */
    double[] openLoop(Context ctx, List<Job> jobs, ArrivalSchedule arrivals, int maxInFlight, long deadlineNanos) {
        long start = System.nanoTime();
        Semaphore slots = new Semaphore(maxInFlight);
        List<CompletableFuture<Void>> pending = new ArrayList<>(jobs.size());
        double at = 0;
        for (Job job : jobs) {
            long scheduled = start + Math.round(at * 1e9);
            if (scheduled - deadlineNanos > 0) break;
            for (long left; (left = scheduled - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
            slots.acquireUninterruptibly();
            pending.add(client.send(job.prompt()).thenAcceptAsync(outcome -> {
                slots.release();
                sink.accept(record(ctx, job, scheduled, outcome));
            }, dispatcher));
            at += arrivals.nextGapSeconds();
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return new double[]{ms(start), ms(System.nanoTime())};
    }

    private RequestRecord record(Context ctx, Job job, long scheduledNanos, Exchange.Outcome o) {
        AnswerParser a = o.answer();
        long[] chunks = a.chunkNanos();
        double[] itl = new double[Math.max(0, chunks.length - 1)];
        for (int i = 1; i < chunks.length; i++) itl[i - 1] = (chunks[i] - chunks[i - 1]) / 1e6;
        Prompt p = job.prompt();
        return new RequestRecord(ctx.endpoint(), ctx.mode(), ctx.level(), ctx.warmup(), job.index(), p.id(), p.length(), p.complexity(), p.category(),
                ms(scheduledNanos), ms(o.sentNanos()), chunks.length > 0 ? (chunks[0] - o.sentNanos()) / 1e6 : Double.NaN,
                (o.endNanos() - o.sentNanos()) / 1e6, itl, a.chunkTokens(), a.contentChunks(), a.promptTokens, a.outputTokens(),
                a.usageReported() ? "usage" : "chunks", a.cachedTokens, a.finishReason, o.status(),
                o.ok() ? "" : o.error().label(), o.ok() ? "" : o.message());
    }

    private double ms(long nanos) {
        return (nanos - originNanos) / 1e6;
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
    }
}
