package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.report.ForkSeries;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A paired, interleaved A/B run. Pair i runs one baseline fork and one candidate fork back to back,
 * each as its own {@code java -jar X.jar <JMH options> -f 1 -rf json -rff ...} process, in an order
 * drawn per pair from a seeded generator (recorded), so slow drift of the machine falls on both
 * sides alike. Each fork's JMH JSON lands in {@code <folder>/baseline|candidate/pair-NN.json}, moved
 * into place whole; its console goes to {@code pair-NN.log} beside it.
 */
final class InterleavedRun {
    /** One side: its jar and extra JVM options for its benchmark forks (JMH's -jvmArgsPrepend). */
    record Side(String name, Path jar, String jvmArgs) {
    }

    /** The forks each side ran, in pair order, and the order of each pair ("AB": baseline first). */
    record Forks(List<Path> baseline, List<Path> candidate, List<String> order) {
    }

    /**
     * A fork that did not produce results. A launcher that refused its arguments (exit 2: bad input,
     * such as an unknown -p value) or a baseline that cannot run is bad input (exit 2); a candidate
     * that fails where the baseline runs is a measured failure (exit 1).
     */
    static final class ForkFailed extends LlmbenchException {
        final boolean measuredFailure;

        ForkFailed(boolean measuredFailure, String message) {
            super(message);
            this.measuredFailure = measuredFailure;
        }
    }

    /** ab runs one fork per process and writes the results itself; listing options run nothing. */
    private static final Set<String> REFUSED = Set.of("-f", "-rf", "-rff", "-l", "-lp", "-lprof", "-lrf", "-h", "-help", "--help", "-v");
    /**
     * Unless the user says otherwise, many short forks: the noise between forks (JIT decisions, memory
     * layout) shrinks only with more of them, so pairs buy more than long iterations do.
     */
    static final List<String> DEFAULTS = List.of("-wi", "2", "-w", "1s", "-i", "3", "-r", "1s", "-foe", "true");

    /** "org.llmbench.LlmbenchException: promptLen 300 ..." as a fork prints a failure. */
    private static final Pattern EXCEPTION_LINE = Pattern.compile("(?:[\\w$]+\\.)*[\\w$]*(?:Exception|Error): (.+)");

    private final String who;
    private final Path folder;
    private final Side baseline, candidate;
    private final List<String> jmhArgs;
    private final int pairs;
    private final long seed;
    private final String metric;
    private final PrintStream progress;
    private volatile Process running;

    InterleavedRun(String who, Path folder, Side baseline, Side candidate, List<String> jmhArgs, int pairs, long seed, String metric, PrintStream progress) {
        this.who = who;
        this.folder = folder;
        this.baseline = baseline;
        this.candidate = candidate;
        this.jmhArgs = jmhArgs;
        this.pairs = pairs;
        this.seed = seed;
        this.metric = metric;
        this.progress = progress;
    }

    /** The user's JMH options with ab's defaults for what they left out; refuses what ab must control. */
    static List<String> forkOptions(List<String> user) {
        for (String a : user) {
            if (REFUSED.contains(a) || a.startsWith("-f=") || a.startsWith("-rff=")) {
                throw new LlmbenchException("JMH option " + a + " cannot be used with ab or calibrate: each fork runs as its own process "
                        + "(-f 1) and the results are written to the results folder; give the number of pairs with --pairs.");
            }
        }
        List<String> args = new ArrayList<>(user);
        for (int i = 0; i < DEFAULTS.size(); i += 2) {
            if (!user.contains(DEFAULTS.get(i))) args.addAll(DEFAULTS.subList(i, i + 2));
        }
        return args;
    }

    Forks run() {
        List<Path> base = new ArrayList<>(), cand = new ArrayList<>();
        List<String> order = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        Thread stopChild = new Thread(this::stopRunning);
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            long started = System.nanoTime();
            for (int i = 1; i <= pairs; i++) {
                boolean baselineFirst = random.nextBoolean();
                order.add(baselineFirst ? "AB" : "BA");
                if (baselineFirst) {
                    base.add(fork(baseline, i, false));
                    cand.add(fork(candidate, i, true));
                } else {
                    cand.add(fork(candidate, i, true));
                    base.add(fork(baseline, i, false));
                }
                if (i == 1) {
                    // a different benchmark set is bad input: say so after one pair, not after all of them
                    ForkSeries.compare(ForkSeries.read(base, metric), ForkSeries.read(cand, metric));
                }
                double elapsed = (System.nanoTime() - started) / 1e9;
                progress.printf(Locale.ROOT, "%s: pair %d/%d done (%s), %.0f s so far, about %.0f s to go%n",
                        who, i, pairs, order.get(i - 1), elapsed, elapsed / i * (pairs - i));
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
        return new Forks(base, cand, order);
    }

    private Path fork(Side side, int pair, boolean isCandidate) {
        Path dir = folder.resolve(side.name());
        String name = String.format(Locale.ROOT, "pair-%0" + Math.max(2, Integer.toString(pairs).length()) + "d", pair); // sorts in run order
        Path partial = dir.resolve(name + ".json.partial"), result = dir.resolve(name + ".json"), log = dir.resolve(name + ".log");
        List<String> cmd = command(side, partial);
        try {
            Files.createDirectories(dir);
            Files.writeString(log, String.join(" ", cmd) + "\n", StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            running = p;
            int code = p.waitFor();
            running = null;
            if (code != 0 || !Files.isRegularFile(partial)) {
                throw new ForkFailed(isCandidate && code != 2, "The " + side.name() + " fork of pair " + pair + " failed (exit " + code + "): "
                        + lastError(log) + "; its console output is in " + log + ".");
            }
            Files.move(partial, result, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } catch (IOException e) {
            throw new LlmbenchException("Cannot run the " + side.name() + " fork of pair " + pair + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRunning();
            throw new LlmbenchException("Interrupted during the " + side.name() + " fork of pair " + pair + ".");
        }
    }

    /** java [-Djmh.* of this JVM] -jar JAR <options> [-jvmArgsPrepend side's] -f 1 -rf json -rff PARTIAL */
    List<String> command(Side side, Path partial) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // e.g. -Djmh.ignoreLock=true: what holds for this run holds for its forks
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("jmh.")).sorted()
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(List.of("-jar", side.jar().toString()));
        List<String> args = new ArrayList<>(jmhArgs);
        if (!side.jvmArgs().isBlank()) {
            int i = args.indexOf("-jvmArgsPrepend");
            if (i >= 0 && i + 1 < args.size()) args.set(i + 1, args.get(i + 1) + " " + side.jvmArgs().strip());
            else args.addAll(List.of("-jvmArgsPrepend", side.jvmArgs().strip()));
        }
        cmd.addAll(args);
        cmd.addAll(List.of("-f", "1", "-rf", "json", "-rff", partial.toString()));
        return cmd;
    }

    /** The line of a failed fork's console that says why (JMH's or our error line), else its last line. */
    private static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String last = "no output";
            for (String l : lines.subList(1, lines.size())) {
                String t = l.strip();
                if (t.isEmpty()) continue;
                if (t.startsWith("llmbench:") || t.startsWith("ERROR")) return t;
                int failed = t.indexOf("failed: "); // the launcher's one line for a failed configuration
                if (failed >= 0 && (failed == 0 || t.startsWith("Iteration") || t.startsWith("# Warmup Iteration"))) return t.substring(failed + 8);
                Matcher m = EXCEPTION_LINE.matcher(t);
                if (m.matches()) return m.group(1); // the sentence, without the exception's class name
                last = t;
            }
            return last;
        } catch (IOException | RuntimeException e) {
            return "no readable output";
        }
    }

    private void stopRunning() {
        Process p = running;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
    }
}
