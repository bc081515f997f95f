package org.llmbench.endpoint;

import org.llmbench.results.EndpointStats;
import org.llmbench.results.RequestRecord;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One live line per endpoint while a level runs: requests done and failed, success rate, running
 * median TTFT and output tokens/s since the level began. On a terminal the lines are redrawn in
 * place four times a second; otherwise they are printed as plain lines every 10 seconds, and once
 * more when the level ends.
 */
final class Progress implements AutoCloseable {
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Live> live = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llmbench-progress");
        t.setDaemon(true);
        return t;
    });
    private String level = "";
    private int drawn;

    private static final class Live {
        int done, failed;
        long outputTokens;
        final List<Double> ttfts = new ArrayList<>();
        long startNanos = System.nanoTime();
    }

    Progress(PrintStream out, List<String> endpoints, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        endpoints.forEach(e -> live.put(e, new Live()));
        long period = terminal ? 250 : 10_000;
        ticker.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
    }

    synchronized void level(String label) {
        level = label;
        live.replaceAll((k, v) -> new Live());
    }

    synchronized void record(RequestRecord r) {
        Live l = live.get(r.endpoint());
        if (l == null) return;
        l.done++;
        if (!r.ok()) l.failed++;
        else {
            l.outputTokens += r.outputTokens();
            if (Double.isFinite(r.ttftMs())) l.ttfts.add(r.ttftMs());
        }
    }

    /** The level's last state, as plain lines (kept on screen after the live lines). */
    synchronized void endLevel() {
        erase();
        lines().forEach(out::println);
        out.flush();
    }

    private synchronized void draw() {
        if (terminal) {
            erase();
            List<String> lines = lines();
            lines.forEach(l -> out.print("\u001B[2K" + l + "\n"));
            drawn = lines.size();
        } else {
            lines().forEach(l -> out.println("progress: " + l));
        }
        out.flush();
    }

    private void erase() {
        if (terminal && drawn > 0) {
            out.print("\u001B[" + drawn + "F\u001B[J"); // up to the first live line, clear to the end
            drawn = 0;
        }
    }

    private List<String> lines() {
        int width = live.keySet().stream().mapToInt(String::length).max().orElse(4);
        List<String> lines = new ArrayList<>();
        live.forEach((name, l) -> {
            double seconds = (System.nanoTime() - l.startNanos) / 1e9;
            double median = EndpointStats.of(l.ttfts.stream().mapToDouble(Double::doubleValue).toArray()).median();
            lines.add(String.format(Locale.ROOT, "%-" + width + "s  %-16s done %5d  failed %4d  ok %5.1f%%  TTFT p50 %s  %8.1f tok/s",
                    name, level, l.done, l.failed, l.done == 0 ? 0.0 : 100.0 * (l.done - l.failed) / l.done,
                    Double.isFinite(median) ? String.format(Locale.ROOT, "%8.1f ms", median) : "       — ms",
                    seconds > 0 ? l.outputTokens / seconds : 0.0));
        });
        return lines;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
