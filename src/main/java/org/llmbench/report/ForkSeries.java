package org.llmbench.report;

import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One side of a paired A/B run: the score of every fork of every configuration, in run order,
 * read from JMH JSON files (any JMH-format result: our benchmarks, endpoint runs, anyone's). A fork's
 * score is its median iteration score; files are read in the order given and the forks of a file in
 * its order, so the i-th fork of the baseline pairs with the i-th fork of the candidate.
 */
public final class ForkSeries {
    /** Sidecars that share a results folder with per-fork JMH files. */
    private static final Set<String> NOT_RESULTS = Set.of("env.json", "ab.json", "calibrate.json", "summary.json", "quality.json");
    public static final String PRIMARY = "primary";

    private final Map<String, List<Double>> scores = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    public final List<String> notes = new ArrayList<>();

    /** Reads the files in order; {@code metric} is "primary" or the label of a secondary metric (e.g. "tokens"). */
    public static ForkSeries read(List<Path> files, String metric) {
        ForkSeries s = new ForkSeries();
        for (Path f : files) {
            for (JmhResult r : JmhJsonReader.read(f, s.notes)) s.add(r, metric);
        }
        return s;
    }

    /**
     * The result files a path stands for: a file itself; a session folder's jmh.json; else every
     * *.json in the folder by name (pair-01.json, pair-02.json, ...), sidecars such as env.json left out.
     */
    public static List<Path> files(Path in) {
        if (!Files.isDirectory(in)) {
            if (!Files.isRegularFile(in)) {
                throw new LlmbenchException(in + " does not exist; give a JMH JSON result file or a folder of them.");
            }
            return List.of(in);
        }
        if (Files.isRegularFile(in.resolve("jmh.json"))) return List.of(in.resolve("jmh.json"));
        try (Stream<Path> list = Files.list(in)) {
            List<Path> files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !NOT_RESULTS.contains(p.getFileName().toString()) && Files.isRegularFile(p)).sorted().toList();
            if (files.isEmpty()) throw new LlmbenchException(in + " holds no JMH JSON files; give a result file or a folder of per-fork results.");
            return files;
        } catch (IOException e) {
            throw new LlmbenchException("Cannot list " + in + ": " + e.getMessage());
        }
    }

    private void add(JmhResult r, String metric) {
        boolean primary = metric == null || metric.equals(PRIMARY);
        Metric m = primary ? r.primary() : r.secondary().get(metric);
        if (m == null) {
            throw new LlmbenchException(r.source() + " has no metric '" + metric + "' for " + r.configKey() + "; it has "
                    + (r.secondary().isEmpty() ? "only the primary metric" : "primary, " + String.join(", ", r.secondary().keySet())) + ".");
        }
        String key = primary ? r.configKey() : r.configKey() + " :" + metric;
        String unit = units.putIfAbsent(key, m.unit());
        if (unit != null && !unit.equals(m.unit())) {
            double f = Units.factor(m.unit(), unit);
            if (Double.isNaN(f)) {
                throw new LlmbenchException(key + " is in " + unit + " in one file and in " + m.unit() + " in " + r.source() + "; these cannot be compared.");
            }
            m = m.scaled(f, unit);
        }
        List<Double> list = scores.computeIfAbsent(key, k -> new ArrayList<>());
        for (double v : m.forkMedians()) list.add(v);
    }

    public Set<String> keys() {
        return scores.keySet();
    }

    public String unit(String key) {
        return units.get(key);
    }

    public double[] scores(String key) {
        return scores.get(key).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Pairs the two sides configuration by configuration. Both must hold the same configurations with
     * the same number of forks (one baseline and one candidate fork make a pair); else one sentence.
     */
    public static List<PairedComparison> compare(ForkSeries baseline, ForkSeries candidate) {
        List<String> onlyBase = baseline.keys().stream().filter(k -> !candidate.keys().contains(k)).toList();
        List<String> onlyCand = candidate.keys().stream().filter(k -> !baseline.keys().contains(k)).toList();
        if (!onlyBase.isEmpty() || !onlyCand.isEmpty()) {
            throw new LlmbenchException("Baseline and candidate ran different benchmark sets"
                    + (onlyBase.isEmpty() ? "" : "; only in the baseline: " + String.join(", ", onlyBase))
                    + (onlyCand.isEmpty() ? "" : "; only in the candidate: " + String.join(", ", onlyCand))
                    + "; a paired comparison needs the same benchmarks and parameters on both sides.");
        }
        List<PairedComparison> out = new ArrayList<>();
        for (String key : baseline.keys()) {
            double[] b = baseline.scores(key), c = candidate.scores(key);
            if (b.length != c.length) {
                throw new LlmbenchException(key + " has " + b.length + " baseline forks and " + c.length
                        + " candidate forks; each pair needs one fork of each side.");
            }
            double f = Units.factor(candidate.unit(key), baseline.unit(key));
            if (Double.isNaN(f)) {
                throw new LlmbenchException(key + " is in " + baseline.unit(key) + " in the baseline and in " + candidate.unit(key)
                        + " in the candidate; these cannot be compared.");
            }
            for (int i = 0; i < c.length; i++) c[i] *= f;
            out.add(PairedComparison.of(key, baseline.unit(key), b, c));
        }
        return out;
    }
}
