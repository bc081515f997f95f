package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.io.AtomicFiles;
import org.llmbench.io.ResultsFolder;
import org.llmbench.report.ForkSeries;
import org.llmbench.report.PairedReport;
import org.llmbench.report.RegressionCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "ab", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Paired, interleaved A/B of two llmbench jars: each pair runs one baseline and one candidate fork "
                + "(own process, -f 1) in a random order (seed recorded), so drift of the machine falls on both alike; the verdict comes "
                + "from the median of the paired ratios new/old and its bootstrap 95%% interval.",
                "Also judges two sets of JMH JSON made that way by hand (--baseline and --candidate name files or folders; fork i pairs with fork i).",
                "Exit 0 SAME or FASTER, 1 SLOWER, 4 AMBIGUOUS (more pairs needed), 3 NOT ASSESSED, 2 bad input.",
                "Usage: ab --baseline OLD.jar --candidate NEW.jar [--pairs N] -- <JMH options, e.g. Decode -p model=llama-tiny -p batch=1>"})
final class AbCommand implements Callable<Integer> {
    @Option(names = "--baseline", required = true, paramLabel = "OLD", description = "Baseline llmbench jar, or its JMH JSON results (a file or a folder of per-fork files).")
    Path baseline;

    @Option(names = "--candidate", required = true, paramLabel = "NEW", description = "Candidate llmbench jar, or its JMH JSON results.")
    Path candidate;

    @Option(names = "--pairs", defaultValue = "20", paramLabel = "N", description = "Pairs of forks to run (default: ${DEFAULT-VALUE}; calibrate tells how many this machine needs).")
    int pairs;

    @Option(names = "--max-regression", defaultValue = "5%", paramLabel = "PCT", description = "Largest tolerated slowdown (default: ${DEFAULT-VALUE}).")
    String maxRegression;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the order within each pair (default: random; always recorded).")
    Long seed;

    @Option(names = "--metric", defaultValue = ForkSeries.PRIMARY, paramLabel = "LABEL",
            description = "The metric to judge: primary (default) or a secondary metric's label, e.g. tokens.")
    String metric;

    @Option(names = "--baseline-jvm-args", defaultValue = "", paramLabel = "ARGS", description = "JVM options for the baseline's benchmark forks only (passed with JMH's -jvmArgsPrepend).")
    String baselineJvmArgs;

    @Option(names = "--candidate-jvm-args", defaultValue = "", paramLabel = "ARGS",
            description = "JVM options for the candidate's benchmark forks only, e.g. -XX:+UseParallelGC, or -Dllmbench.handicap=10%% to check the gate on a known slowdown.")
    String candidateJvmArgs;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Where the new results folder goes (default: ${DEFAULT-VALUE}).")
    Path results;

    @Parameters(paramLabel = "JMH-OPTION", description = "After --: the JMH options for both sides (unless given: -wi 2 -w 1s -i 3 -r 1s -foe true).")
    List<String> jmh = new ArrayList<>();

    @Override
    public Integer call() {
        double threshold = RegressionCheck.parseThreshold(maxRegression);
        boolean baseJar = LlmbenchJar.looksLikeJar(baseline), candJar = LlmbenchJar.looksLikeJar(candidate);
        if (baseJar != candJar) {
            throw new LlmbenchException("--baseline " + baseline + " and --candidate " + candidate
                    + " must both be llmbench jars (to run them) or both JMH results (to judge them).");
        }
        if (!baseJar) {
            if (!jmh.isEmpty() || !baselineJvmArgs.isBlank() || !candidateJvmArgs.isBlank()) {
                throw new LlmbenchException("JMH and JVM options apply only when ab runs two jars; " + baseline + " and " + candidate + " are results.");
            }
            return judge(ForkSeries.files(baseline), ForkSeries.files(candidate), threshold);
        }
        checkPairs(pairs);
        Path baseJarPath = LlmbenchJar.check(baseline, "--baseline"), candJarPath = LlmbenchJar.check(candidate, "--candidate");
        List<String> options = InterleavedRun.forkOptions(jmh);
        long s = seed != null ? seed : new SecureRandom().nextLong();
        Path folder = ResultsFolder.newSession(results);
        System.out.println("ab: " + pairs + " pairs, order seed " + s + ", results in " + folder);
        EnvironmentFile.write(folder.resolve("env.json"), options);
        InterleavedRun.Side base = new InterleavedRun.Side("baseline", baseJarPath, baselineJvmArgs);
        InterleavedRun.Side cand = new InterleavedRun.Side("candidate", candJarPath, candidateJvmArgs);
        InterleavedRun.Forks forks;
        try {
            forks = new InterleavedRun("ab", folder, base, cand, options, pairs, s, metric, System.out).run();
        } catch (InterleavedRun.ForkFailed f) {
            if (!f.measuredFailure) throw f;
            System.out.println("ab: FAILED: " + f.getMessage() + " (the baseline ran; exit 1).");
            return 1;
        }
        PairedReport report = report(forks.baseline(), forks.candidate(), threshold);
        String text = report.text("ab");
        System.out.print(text);
        AtomicFiles.writeNew(folder.resolve("ab.txt"), text);
        AtomicFiles.writeNew(folder.resolve("ab.json"), PairedReport.GSON.toJson(record("ab", folder, base, cand, options, s, forks, report)));
        return report.overall().exitCode();
    }

    private int judge(List<Path> baseFiles, List<Path> candFiles, double threshold) {
        PairedReport report = report(baseFiles, candFiles, threshold);
        System.out.print(report.text("ab"));
        return report.overall().exitCode();
    }

    private PairedReport report(List<Path> baseFiles, List<Path> candFiles, double threshold) {
        ForkSeries b = ForkSeries.read(baseFiles, metric), c = ForkSeries.read(candFiles, metric);
        b.notes.forEach(n -> System.err.println("llmbench: " + n));
        c.notes.forEach(n -> System.err.println("llmbench: " + n));
        return new PairedReport(ForkSeries.compare(b, c), threshold);
    }

    static void checkPairs(int pairs) {
        if (pairs < 2 || pairs > 1000) {
            throw new LlmbenchException("--pairs " + pairs + " is invalid; give 2 to 1000 (the bootstrap needs 2 or more; 10 to 30 is typical).");
        }
    }

    /** What ab.json / calibrate.json hold besides the verdict: how the run was made, so it can be repeated. */
    static Map<String, Object> record(String kind, Path folder, InterleavedRun.Side base, InterleavedRun.Side cand, List<String> options,
                                      long seed, InterleavedRun.Forks forks, PairedReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("finished", OffsetDateTime.now().toString());
        m.put("baseline", side(base));
        m.put("candidate", side(cand));
        m.put("jmhOptions", options);
        m.put("pairs", forks.order().size());
        m.put("seed", seed);
        m.put("order", forks.order());
        m.put("baselineFiles", forks.baseline().stream().map(p -> folder.relativize(p).toString()).toList());
        m.put("candidateFiles", forks.candidate().stream().map(p -> folder.relativize(p).toString()).toList());
        m.putAll(report.json());
        return m;
    }

    private static Map<String, Object> side(InterleavedRun.Side s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jar", s.jar().toString());
        m.put("sha256", LlmbenchJar.sha256(s.jar()));
        try {
            m.put("bytes", Files.size(s.jar()));
        } catch (IOException e) {
            m.put("bytes", null);
        }
        m.put("jvmArgs", s.jvmArgs());
        return m;
    }
}
