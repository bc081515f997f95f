package org.llmbench.cli;

import org.llmbench.results.FailedConfiguration;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JMH's console output, kept as JMH prints it except for four things: a configuration's failure
 * is one line with its reason (no exception class names), the incubator-module warning that
 * every benchmark JVM prints is dropped, the final table is ours ({@link SummaryTable}: one table
 * per benchmark with only its own parameters, instead of a wall of N/A columns), and the line
 * naming the temporary result file is left out. It also records which configurations started
 * and why each failed one failed, for failures.json.
 */
final class ConsoleFormat implements OutputFormat {
    static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    private final OutputFormat jmh;
    private final PrintStream console;
    private final String hiddenResultFile;
    private final Map<BenchmarkParams, String> started = new LinkedHashMap<>();
    private final List<BenchmarkParams> finished = new ArrayList<>();
    private BenchmarkParams current;
    private boolean inFailure;
    private Collection<RunResult> results = List.of();
    private final WarningFilter filter = new WarningFilter();

    /**
     * @param hiddenResultFile the temporary result file whose name must not be printed (null: print JMH's line)
     */
    ConsoleFormat(OutputFormat jmh, PrintStream console, String hiddenResultFile) {
        this.jmh = jmh;
        this.console = console;
        this.hiddenResultFile = hiddenResultFile;
    }

    /** Configurations that started and produced no result, each with its reason. */
    synchronized List<FailedConfiguration> failures() {
        List<FailedConfiguration> out = new ArrayList<>();
        started.forEach((p, reason) -> {
            if (finished.contains(p)) return;
            Map<String, String> params = new LinkedHashMap<>();
            p.getParamsKeys().forEach(k -> params.put(k, p.getParam(k)));
            out.add(new FailedConfiguration(p.getBenchmark(), params,
                    reason != null ? reason : "no result (the output above says why)"));
        });
        return out;
    }

    synchronized int startedCount() {
        return started.size();
    }

    synchronized Collection<RunResult> results() {
        return results;
    }

    @Override
    public synchronized void startBenchmark(BenchmarkParams params) {
        current = params;
        started.putIfAbsent(params, null);
        inFailure = false;
        jmh.startBenchmark(params);
    }

    @Override
    public synchronized void endBenchmark(BenchmarkResult result) {
        inFailure = false;
        jmh.endBenchmark(result);
    }

    @Override
    public synchronized void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        inFailure = false;
        jmh.iteration(benchParams, params, iteration);
    }

    @Override
    public synchronized void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        jmh.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public synchronized void startRun() {
        jmh.startRun();
    }

    @Override
    public synchronized void endRun(Collection<RunResult> runResults) {
        results = runResults;
        for (RunResult r : runResults) {
            if (!finished.contains(r.getParams())) finished.add(r.getParams());
        }
        console.print(SummaryTable.render(runResults));
        console.flush();
    }

    @Override
    public synchronized void println(String s) {
        if (s == null) s = "null";
        if (s.equals("<failure>")) { // a configuration failed; its causes follow, one println each
            inFailure = true;
            return;
        }
        if (inFailure) {
            if (s.isBlank()) return;
            inFailure = false; // one cause per failure in practice; anything after it prints as usual
            String reason = Failures.reason(s);
            if (current != null && started.get(current) == null) started.put(current, reason);
            jmh.println("failed: " + reason);
            if (Failures.isInternal(s)) jmh.println(s); // a bug, not a user's error: the trace is what a fix needs
            return;
        }
        if (s.startsWith("<forked VM failed with exit code ") && current != null && started.get(current) == null) {
            started.put(current, "the benchmark JVM exited with code " + s.replaceAll("\\D", "") + " (its last output is above)");
        }
        if (hiddenResultFile != null && s.startsWith("Benchmark result is saved to ") && s.contains(hiddenResultFile)) return;
        if (s.contains(INCUBATOR_WARNING)) s = s.replace(INCUBATOR_WARNING, "").strip();
        jmh.println(s);
    }

    @Override
    public synchronized void print(String s) {
        jmh.print(s);
    }

    @Override
    public synchronized void verbosePrintln(String s) {
        jmh.verbosePrintln(s);
    }

    @Override
    public synchronized void flush() {
        jmh.flush();
    }

    @Override
    public synchronized void close() {
        filter.flush();
        jmh.close();
    }

    @Override
    public synchronized void write(int b) {
        filter.write(new byte[]{(byte) b});
    }

    @Override
    public synchronized void write(byte[] b) throws IOException {
        filter.write(b);
    }

    /**
     * The benchmark JVMs' own output (stdout and stderr, as bytes) without the incubator warning.
     * Bytes that cannot be the start of the warning pass at once, so progress lines are not held back.
     */
    private final class WarningFilter {
        private final byte[] warning = (INCUBATOR_WARNING + "\n").getBytes(StandardCharsets.ISO_8859_1);
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        void write(byte[] bytes) {
            pending.writeBytes(bytes);
            byte[] all = pending.toByteArray();
            pending.reset();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int i = 0;
            while (i < all.length) {
                int match = matchLength(all, i);
                if (match == warning.length) { // the whole warning line: drop it
                    i += match;
                } else if (i + match == all.length && match > 0) { // may be the warning's start: wait for more
                    pending.write(all, i, match);
                    break;
                } else {
                    out.write(all[i++]);
                }
            }
            emit(out.toByteArray());
        }

        void flush() {
            emit(pending.toByteArray());
            pending.reset();
        }

        private int matchLength(byte[] all, int from) {
            int n = 0;
            while (n < warning.length && from + n < all.length && all[from + n] == warning[n]) n++;
            return n;
        }

        private void emit(byte[] b) {
            if (b.length == 0) return;
            try {
                jmh.write(b);
            } catch (IOException e) {
                console.print(new String(b, StandardCharsets.UTF_8));
            }
        }
    }
}
