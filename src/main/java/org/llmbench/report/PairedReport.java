package org.llmbench.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdict of a paired A/B run in words and as data: one line per configuration, the noise band
 * it saw, a warning when the threshold lies inside that band, and the overall verdict with its exit code.
 */
public final class PairedReport {
    /** Pretty JSON in which a non-finite number is written as null ("not measured"). */
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .registerTypeAdapter(Double.class, JmhJsonReader.LENIENT_DOUBLE).registerTypeAdapter(double.class, JmhJsonReader.LENIENT_DOUBLE)
            .create();

    public final List<PairedComparison> comparisons;
    public final double threshold;

    public PairedReport(List<PairedComparison> comparisons, double threshold) {
        this.comparisons = List.copyOf(comparisons);
        this.threshold = threshold;
    }

    public Verdict overall() {
        return Verdict.overall(comparisons.stream().map(c -> c.verdict(threshold)).toList());
    }

    /** Every line starts with {@code who} ("ab: "), the configuration lines indented. */
    public String text(String who) {
        StringBuilder out = new StringBuilder();
        int pairs = comparisons.stream().mapToInt(PairedComparison::pairs).max().orElse(0);
        out.append(String.format(Locale.ROOT, "%s: %d configuration(s), %d pairs, threshold %s worse; verdict from the median of the paired ratios new/old and its bootstrap 95%% interval%n",
                who, comparisons.size(), pairs, pct(threshold)));
        for (PairedComparison c : comparisons) {
            Verdict v = c.verdict(threshold);
            out.append(String.format(Locale.ROOT, "  %-12s %s: %s -> %s %s, median pair ratio %.3f (%s), 95%% CI %.3f..%.3f, noise band ±%s%n",
                    v.word(), c.key(), Fmt.num(MedianBootstrap.median(c.baseline())), Fmt.num(MedianBootstrap.median(c.candidate())), c.unit(),
                    c.medianRatio(), change(c.worse()), c.low(), c.high(), pct(c.noiseBand())));
        }
        for (PairedComparison c : comparisons) {
            if (Double.isFinite(c.noiseBand()) && c.noiseBand() >= threshold) {
                out.append(String.format(Locale.ROOT, "%s: warning: the %s threshold lies inside the noise band of %s (±%s: single pairs scatter more than the threshold); "
                                + "the verdict rests on the median of %d pairs (95%% CI ±%s); run calibrate to choose --pairs and --max-regression from data.%n",
                        who, pct(threshold), c.key(), pct(c.noiseBand()), c.pairs(), pct(c.resolution())));
            }
        }
        Verdict overall = overall();
        out.append(who).append(": ").append(overall.word()).append(": ").append(explain(overall)).append('\n');
        return out.toString();
    }

    private String explain(Verdict overall) {
        List<String> which = new ArrayList<>();
        for (PairedComparison c : comparisons) {
            if (c.verdict(threshold) == overall) {
                double[] w = c.worseInterval();
                which.add(c.key() + " (" + change(c.worse()) + ", 95% CI " + signed(w[0]) + ".." + signed(w[1]) + ")");
            }
        }
        String t = pct(threshold);
        return switch (overall) {
            case SLOWER -> which.size() + " of " + comparisons.size() + " configuration(s) worse beyond " + t + ": " + String.join("; ", which) + ".";
            case AMBIGUOUS -> "the interval straddles the " + t + " threshold for " + String.join("; ", which)
                    + ": more pairs are needed (calibrate tells how many).";
            case NOT_ASSESSED -> "nothing could be assessed: each configuration needs at least 2 pairs and a unit whose better direction is known.";
            case FASTER -> "every assessed configuration got better beyond " + t + ".";
            case SAME -> "no configuration got worse beyond " + t + ".";
        };
    }

    /** The same facts for programs (ab.json). */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", threshold);
        m.put("verdict", overall().word());
        m.put("exitCode", overall().exitCode());
        List<Map<String, Object>> configs = new ArrayList<>();
        for (PairedComparison c : comparisons) {
            Map<String, Object> j = new LinkedHashMap<>();
            double[] w = c.worseInterval();
            j.put("configuration", c.key());
            j.put("unit", c.unit());
            j.put("direction", c.direction().name());
            j.put("verdict", c.verdict(threshold).word());
            j.put("pairs", c.pairs());
            j.put("medianRatio", c.medianRatio());
            j.put("ratioLow", c.low());
            j.put("ratioHigh", c.high());
            j.put("worse", c.worse());
            j.put("worseLow", w[0]);
            j.put("worseHigh", w[1]);
            j.put("noiseBand", c.noiseBand());
            j.put("baseline", c.baseline());
            j.put("candidate", c.candidate());
            j.put("ratios", c.ratios());
            configs.add(j);
        }
        m.put("configurations", configs);
        return m;
    }

    static String pct(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", fraction * 100) : Fmt.NONE;
    }

    private static String signed(double fraction) {
        return Fmt.pct(fraction);
    }

    /** "3.2% worse" / "1.0% better" / "unchanged". */
    static String change(double worse) {
        if (!Double.isFinite(worse)) return "direction unknown";
        if (Math.abs(worse) < 0.0005) return "unchanged";
        return String.format(Locale.ROOT, "%.1f%% %s", Math.abs(worse) * 100, worse > 0 ? "worse" : "better");
    }
}
