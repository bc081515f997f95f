package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.io.AtomicFiles;
import org.llmbench.io.ResultsFolder;
import org.llmbench.report.DetectableSlowdown;
import org.llmbench.report.ForkSeries;
import org.llmbench.report.PairedComparison;
import org.llmbench.report.PairedReport;
import org.llmbench.report.RegressionCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a benchmark against itself (A/A, paired and interleaved as ab does) and reports the noise band and, "
                + "for several numbers of pairs, how often an unchanged build passes and the smallest slowdown the gate catches with 95%% power "
                + "(by resampling the measured pairs with an injected ratio), so --pairs and --max-regression come from data.",
                "Usage: calibrate [--jar JAR] [--pairs K] -- <JMH options>   or   calibrate --from results/<ab or calibrate folder of an A/A run>"})
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--jar", paramLabel = "JAR", description = "The llmbench jar to run on both sides (default: the jar running this command).")
    Path jar;

    @Option(names = "--pairs", defaultValue = "20", paramLabel = "K", description = "A/A pairs to measure (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--max-regression", defaultValue = "5%", paramLabel = "PCT", description = "The gate's threshold to evaluate (default: ${DEFAULT-VALUE}).")
    String maxRegression;

    @Option(names = "--detect", paramLabel = "PCT", description = "The slowdown the gate must catch (default: twice the threshold).")
    String detect;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the order within each pair (default: random; always recorded).")
    Long seed;

    @Option(names = "--metric", defaultValue = ForkSeries.PRIMARY, paramLabel = "LABEL", description = "primary (default) or a secondary metric's label.")
    String metric;

    @Option(names = "--from", paramLabel = "DIR", description = "Judge an earlier A/A run instead of running one: an ab or calibrate results folder (with baseline/ and candidate/).")
    Path from;

    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "Where the new results folder goes (default: ${DEFAULT-VALUE}).")
    Path results;

    @Parameters(paramLabel = "JMH-OPTION", description = "After --: the JMH options (unless given: -wi 2 -w 1s -i 3 -r 1s -foe true).")
    List<String> jmh = new ArrayList<>();

    /** Pair counts the table shows, besides the measured one. */
    static final int[] PAIR_COUNTS = {5, 10, 15, 20, 30, 40};

    @Override
    public Integer call() {
        double threshold = RegressionCheck.parseThreshold(maxRegression);
        double slowdown = detect == null ? 2 * threshold : RegressionCheck.parseThreshold(detect);
        if (from != null) {
            if (!jmh.isEmpty() || jar != null) throw new LlmbenchException("--from judges an earlier run; give either --from or a jar and JMH options, not both.");
            List<PairedComparison> aa = ForkSeries.compare(ForkSeries.read(ForkSeries.files(from.resolve("baseline")), metric),
                    ForkSeries.read(ForkSeries.files(from.resolve("candidate")), metric));
            System.out.print(text(aa, threshold, slowdown));
            return 0;
        }
        AbCommand.checkPairs(pairs);
        Path jarPath = jar != null ? LlmbenchJar.check(jar, "--jar") : LlmbenchJar.current();
        if (jarPath == null) throw new LlmbenchException("calibrate needs --jar JAR here (this JVM does not run from an llmbench jar).");
        List<String> options = InterleavedRun.forkOptions(jmh);
        long s = seed != null ? seed : new SecureRandom().nextLong();
        Path folder = ResultsFolder.newSession(results);
        System.out.println("calibrate: " + pairs + " A/A pairs, order seed " + s + ", results in " + folder);
        EnvironmentFile.write(folder.resolve("env.json"), options);
        InterleavedRun.Side a = new InterleavedRun.Side("baseline", jarPath, ""), b = new InterleavedRun.Side("candidate", jarPath, "");
        InterleavedRun.Forks forks = new InterleavedRun("calibrate", folder, a, b, options, pairs, s, metric, System.out).run();
        List<PairedComparison> aa = ForkSeries.compare(ForkSeries.read(forks.baseline(), metric), ForkSeries.read(forks.candidate(), metric));
        String text = text(aa, threshold, slowdown);
        System.out.print(text);
        AtomicFiles.writeNew(folder.resolve("calibrate.txt"), text);
        Map<String, Object> json = AbCommand.record("calibrate", folder, a, b, options, s, forks, new PairedReport(aa, threshold));
        json.put("detect", slowdown);
        json.put("power", tables(aa, threshold));
        AtomicFiles.writeNew(folder.resolve("calibrate.json"), PairedReport.GSON.toJson(json));
        return 0;
    }

    static int[] pairCounts(int measured) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (int n : PAIR_COUNTS) counts.add(n);
        counts.add(measured);
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Map<String, List<DetectableSlowdown.Row>> tables(List<PairedComparison> aa, double threshold) {
        Map<String, List<DetectableSlowdown.Row>> m = new LinkedHashMap<>();
        for (PairedComparison c : aa) m.put(c.key(), table(c, threshold));
        return m;
    }

    private static List<DetectableSlowdown.Row> table(PairedComparison c, double threshold) {
        return DetectableSlowdown.table(c.ratios(), c.direction(), threshold, pairCounts(c.pairs()), 0x5EEDL);
    }

    static String text(List<PairedComparison> aa, double threshold, double slowdown) {
        StringBuilder out = new StringBuilder();
        String t = pct(threshold), d = pct(slowdown);
        for (PairedComparison c : aa) {
            out.append(String.format(Locale.ROOT, "calibrate: %s: %d A/A pairs, median pair ratio %.3f (95%% CI %.3f..%.3f), noise band ±%s (one pair's typical scatter)%n",
                    c.key(), c.pairs(), c.medianRatio(), c.low(), c.high(), pct(c.noiseBand())));
            List<DetectableSlowdown.Row> rows = table(c, threshold);
            if (rows.isEmpty()) {
                out.append("  not assessed: needs 2+ pairs and a unit whose better direction is known (").append(c.unit()).append(").\n");
                continue;
            }
            out.append(String.format(Locale.ROOT, "  %5s  %-30s  %-22s  %s%n", "pairs", "A/A at " + t + ": SAME / AMBIG / SLOWER",
                    "threshold for 95% SAME", "slowdown SLOWER with 95% power at " + t));
            for (DetectableSlowdown.Row r : rows) {
                out.append(String.format(Locale.ROOT, "  %5d  %6s / %6s / %6s           %22s  %6s%n", r.pairs(),
                        pct(r.same()), pct(r.ambiguous()), pct(r.slower()), pct(r.thresholdForSame()), pct(r.caught())));
            }
            DetectableSlowdown.Row enough = DetectableSlowdown.enough(rows, slowdown);
            out.append(enough == null
                    ? "  recommendation: none of these pair counts passes 95% of A/A runs at " + t + " and catches a " + d
                    + " slowdown with 95% power; raise --max-regression, or quieten the machine.\n"
                    : "  recommendation: --pairs " + enough.pairs() + " --max-regression " + t + " (A/A passes " + pct(enough.same())
                    + " of runs; a " + d + " slowdown is SLOWER in 95% or more).\n");
        }
        if (aa.stream().anyMatch(c -> c.pairs() < 10)) {
            out.append("calibrate: fewer than 10 pairs measured: the table can only be as varied as the pairs behind it; measure 20 or more.\n");
        }
        out.append("calibrate: rows resampled from the measured pairs (").append(DetectableSlowdown.RUNS)
                .append(" synthetic gate runs each); they assume independent pairs and a machine as noisy as during the measurement.\n");
        return out.toString();
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
