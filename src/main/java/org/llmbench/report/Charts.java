package org.llmbench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.llmbench.LlmbenchException;
import org.llmbench.results.BenchmarkKind;
import org.llmbench.results.Roofline;
import org.llmbench.results.RunEnvironment;
import org.llmbench.results.TelemetryQuantity;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Draws the report's PNG charts with XChart (headless). A chart is drawn only when it compares
 * something (two bars or more, a heat map of at least 2 × 2); otherwise a line in {@code notes}
 * says why it is absent. Value axes start at zero (an error bar never reaches below it), carry
 * their unit and round their labels; legends sit below the plot, never on the data.
 */
public final class Charts {
    public static final int WIDTH = 900, HEIGHT = 540;
    private static final Color LINE = new Color(200, 40, 40);

    /** A drawn chart: file name, title, PNG bytes. */
    public record Png(String file, String title, byte[] bytes) {
    }

    private Charts() {
    }

    public static List<Png> draw(List<LlmRow> rows, List<BatchScaling.Series> scaling, ResultSet set, List<String> notes) {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        List<LlmRow> llm = rows.stream().filter(LlmRow::isLlm).toList();
        Roofline roof = set.runs.values().stream().map(RunEnvironment::roofline).filter(Objects::nonNull).findFirst().orElse(null);
        List<Png> out = new ArrayList<>();
        attempt(notes, "throughput.png", () -> bars(out, notes, "throughput.png", "Decode throughput (higher is better)", "decode tokens/s",
                llm, r -> r.decodeTokensPerSecond, r -> r.decodeErrorTokensPerSecond, LlmRow::label));
        attempt(notes, "ttft.png", () -> bars(out, notes, "ttft.png", "Time to first token (lower is better)", "TTFT (ms)",
                llm, r -> r.ttftMillis, r -> r.ttftErrorMillis, LlmRow::label));
        Map<String, LlmRow> weights = new LinkedHashMap<>();
        llm.stream().filter(r -> Double.isFinite(r.weightBytes)).forEach(r -> weights.putIfAbsent(r.model + " " + r.quant, r));
        attempt(notes, "memory.png", () -> bars(out, notes, "memory.png", "Weight memory per model and quant (as held)", "weights (MiB)",
                new ArrayList<>(weights.values()), r -> r.weightBytes / (1024.0 * 1024), r -> Double.NaN, r -> (r.model + " " + r.quant).trim()));
        attempt(notes, "tokens-per-watt.png", () -> bars(out, notes, "tokens-per-watt.png", "Tokens per joule (higher is better)", "tokens/J",
                rows, r -> r.telemetry.getOrDefault(TelemetryQuantity.TOKENS_PER_JOULE, Double.NaN), r -> Double.NaN, LlmRow::label));
        attempt(notes, "batch-scaling.png", () -> batch(out, notes, scaling));
        attempt(notes, "heatmap.png", () -> heatmap(out, notes, llm));
        attempt(notes, "kernel.png", () -> kernel(out, notes, rows, roof));
        attempt(notes, "matmul.png", () -> matmul(out, notes, rows, roof));
        return out;
    }

    private static void attempt(List<String> notes, String file, Runnable chart) {
        try {
            chart.run();
        } catch (RuntimeException e) { // XChart/AWT trouble: this chart is left out, the report goes on
            notes.add(file + ": could not be drawn (" + (e instanceof LlmbenchException ? e.getMessage() : e.getClass().getSimpleName()) + ").");
        }
    }

    private static void bars(List<Png> out, List<String> notes, String file, String title, String yTitle, List<LlmRow> rows,
                             ToDoubleFunction<LlmRow> value, ToDoubleFunction<LlmRow> error, Function<LlmRow, String> label) {
        List<LlmRow> with = rows.stream().filter(r -> Double.isFinite(value.applyAsDouble(r))).toList();
        if (with.isEmpty()) return;
        if (with.size() == 1) {
            notes.add(file + ": one configuration only (" + label.apply(with.get(0)) + "), nothing to compare; its number is in the tables.");
            return;
        }
        CategoryChart c = categoryChart(title, yTitle);
        c.getStyler().setLegendVisible(false);
        List<String> x = new ArrayList<>();
        List<Double> y = new ArrayList<>(), e = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (LlmRow r : with) {
            String name = label.apply(r);
            int n = seen.merge(name, 1, Integer::sum);
            x.add(n == 1 ? name : name + " #" + n); // categories must be unique
            y.add(value.applyAsDouble(r));
            e.add(error.applyAsDouble(r));
        }
        if (e.stream().allMatch(Double::isFinite)) {
            e = whiskers(file, y, e, notes);
            if (e.stream().allMatch(v -> v == 0)) c.addSeries(yTitle, x, y); // no whisker to draw: no caps either
            else c.addSeries(yTitle, x, y, e);
        } else {
            c.addSeries(yTitle, x, y);
        }
        axis(c, y, e);
        out.add(png(file, title, c));
    }

    /** Bar charts on a zero-based axis with rounded labels; an error bar that would cross zero is cut at the axis. */
    private static CategoryChart categoryChart(String title, String yTitle) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        c.getStyler().setXAxisLabelRotation(20);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        return c;
    }

    /**
     * Whiskers that fit above zero: an interval reaching below zero (too few iterations to bound the
     * value) gets no whisker rather than one through the axis; the note says how many, the tables give ±.
     */
    private static List<Double> whiskers(String file, List<Double> y, List<Double> e, List<String> notes) {
        List<Double> out = new ArrayList<>();
        int cut = 0;
        for (int i = 0; i < y.size(); i++) {
            double err = i < e.size() && Double.isFinite(e.get(i)) ? e.get(i) : 0;
            if (y.get(i) - err < 0) {
                cut++;
                err = 0;
            }
            out.add(err);
        }
        if (cut > 0) {
            notes.add(file + ": " + cut + " of " + y.size() + " bars drawn without their whisker: the 99.9% interval reaches below zero"
                    + " (too few iterations or forks to bound the value); the tables give the ±.");
        }
        return out;
    }

    /** Zero-based value axis up to the largest bar or whisker, labels rounded to the magnitude. */
    private static void axis(CategoryChart c, List<Double> y, List<Double> e) {
        double max = 0;
        for (int i = 0; i < y.size(); i++) {
            double top = y.get(i) + (i < e.size() && Double.isFinite(e.get(i)) ? e.get(i) : 0);
            if (Double.isFinite(top)) max = Math.max(max, top);
        }
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(max > 0 ? max * 1.05 : 1.0);
        c.getStyler().setYAxisDecimalPattern(pattern(max));
    }

    /** Rounded tick labels: no decimals from 10 up, one below, more for small values. */
    static String pattern(double max) {
        return max >= 10 ? "#,##0" : max >= 1 ? "#,##0.0" : max >= 0.1 ? "0.00" : "0.###";
    }

    private static void batch(List<Png> out, List<String> notes, List<BatchScaling.Series> scaling) {
        if (scaling.isEmpty()) return;
        String title = "Batch scaling: tokens/s against batch size";
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("batch (rows)").yAxisTitle("tokens/s").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        double max = 0;
        for (BatchScaling.Series s : scaling) {
            double[] x = s.points().stream().mapToDouble(BatchScaling.Point::batch).toArray();
            double[] y = s.points().stream().mapToDouble(BatchScaling.Point::tokensPerSecond).toArray();
            for (double v : y) max = Math.max(max, v);
            String name = s.name();
            while (c.getSeriesMap().containsKey(name)) name += "'";
            c.addSeries(name, x, y);
        }
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(max * 1.08);
        c.getStyler().setYAxisDecimalPattern(pattern(max));
        c.getStyler().setXAxisDecimalPattern("0");
        out.add(png("batch-scaling.png", title, c));
    }

    /** Decode tokens/s at the smallest batch measured, model × quant: only with two models and two quants or more. */
    private static void heatmap(List<Png> out, List<String> notes, List<LlmRow> llm) {
        Map<String, LlmRow> cell = new LinkedHashMap<>();
        llm.stream().filter(r -> r.kind == BenchmarkKind.DECODE && Double.isFinite(r.decodeTokensPerSecond))
                .sorted(Comparator.comparingInt(r -> r.batch)).forEach(r -> cell.putIfAbsent(r.model + "\u0000" + r.quant, r));
        if (cell.isEmpty()) return;
        List<String> models = new ArrayList<>(new LinkedHashSet<>(cell.values().stream().map(r -> r.model).toList()));
        List<String> quants = new ArrayList<>(new LinkedHashSet<>(cell.values().stream().map(Charts::quantName).toList()));
        if (models.size() < 2 || quants.size() < 2) {
            notes.add("heatmap.png: needs two models and two quants or more (these results: " + models.size() + " model(s), "
                    + quants.size() + " quant(s)); the decode chart and tables show the same numbers.");
            return;
        }
        List<Number[]> data = new ArrayList<>();
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (LlmRow r : cell.values()) {
            data.add(new Number[]{quants.indexOf(quantName(r)), models.indexOf(r.model), Math.round(r.decodeTokensPerSecond * 10) / 10.0});
            min = Math.min(min, r.decodeTokensPerSecond);
            max = Math.max(max, r.decodeTokensPerSecond);
        }
        String title = "Decode tokens/s, model × quant (smallest batch measured)";
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
        c.getStyler().setShowValue(true).setMin(Math.floor(min)).setMax(Math.ceil(max) == Math.floor(min) ? Math.floor(min) + 1 : Math.ceil(max))
                .setLegendVisible(true).setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.addSeries("tokens/s", quants, models, data);
        out.add(png("heatmap.png", title, c));
    }

    /** Kernel weight bandwidth per configuration, against the triad bandwidth the run measured (when it did). */
    private static void kernel(List<Png> out, List<String> notes, List<LlmRow> rows, Roofline roof) {
        List<LlmRow> k = rows.stream().filter(r -> r.kind == BenchmarkKind.KERNEL && Double.isFinite(r.weightBandwidthBytesPerSecond)).toList();
        if (k.isEmpty()) return;
        if (k.size() == 1) {
            notes.add("kernel.png: one kernel configuration only, nothing to compare; its bandwidth is in the Kernels table.");
            return;
        }
        boolean shapes = k.stream().map(r -> r.result.params().get("n") + "×" + r.result.params().get("k")).distinct().count() > 1;
        Function<LlmRow, String> label = r -> r.quant + " b" + r.batch + (shapes ? " " + r.result.params().get("n") + "×" + r.result.params().get("k") : "");
        double triad = roof == null ? Double.NaN : roof.triadBytesPerSecond() / 1e9;
        String title = "Kernel weight bandwidth (higher is better)" + (Double.isFinite(triad) ? ", against the triad" : "; no triad measured with these results");
        if (!Double.isFinite(triad)) notes.add("kernel.png: drawn without the triad line: no triad bandwidth was measured with these results.");
        out.add(png("kernel.png", title, withReference("kernel.png", title, "weights read (GB/s)", k, label,
                r -> r.weightBandwidthBytesPerSecond / 1e9, r -> r.weightBandwidthErrorBytesPerSecond / 1e9, triad, "triad", "GB/s", notes)));
    }

    /** Matmul GFLOP/s per backend, dtype and size, against the peak the run measured (when it did). */
    private static void matmul(List<Png> out, List<String> notes, List<LlmRow> rows, Roofline roof) {
        List<LlmRow> m = rows.stream().filter(r -> r.kind == BenchmarkKind.MATMUL && Double.isFinite(r.gflopsPerSecond))
                .sorted(Comparator.comparing((LlmRow r) -> r.result.params().getOrDefault("backend", "")).thenComparingInt(r -> r.result.intParam("n"))).toList();
        if (m.isEmpty()) return;
        if (m.size() == 1) {
            notes.add("matmul.png: one matmul configuration only, nothing to compare; its GFLOP/s is in the Matrix multiplication table.");
            return;
        }
        double peak = roof == null ? Double.NaN : roof.peakFlopsPerSecond() / 1e9;
        String title = "Matrix multiplication (higher is better)" + (Double.isFinite(peak) ? ", against the measured fp32 peak" : "; no peak measured with these results");
        if (!Double.isFinite(peak)) notes.add("matmul.png: drawn without the peak line: no peak FLOPS was measured with these results.");
        Function<LlmRow, String> label = r -> r.result.params().getOrDefault("backend", "?") + " " + r.result.params().getOrDefault("dtype", "")
                + " " + ReportBuilder.shape(r.result.params()).replace(" ", "");
        out.add(png("matmul.png", title, withReference("matmul.png", title, "GFLOP/s", m, label, r -> r.gflopsPerSecond, r -> r.gflopsErrorPerSecond,
                peak, "peak fp32", "GFLOP/s", notes)));
    }

    /** One bar per row and, when known, a horizontal reference line drawn over the same slots (so it spans the bars, not beside them). */
    private static CategoryChart withReference(String file, String title, String yTitle, List<LlmRow> rows, Function<LlmRow, String> label,
                                               ToDoubleFunction<LlmRow> value, ToDoubleFunction<LlmRow> error, double reference,
                                               String referenceName, String unit, List<String> notes) {
        CategoryChart c = categoryChart(title, yTitle);
        c.getStyler().setOverlapped(true);
        List<String> x = new ArrayList<>();
        List<Double> y = new ArrayList<>(), e = new ArrayList<>();
        for (LlmRow r : rows) {
            String name = label.apply(r);
            while (x.contains(name)) name += "'";
            x.add(name);
            y.add(value.applyAsDouble(r));
            e.add(error.applyAsDouble(r));
        }
        e = whiskers(file, y, e, notes);
        if (e.stream().allMatch(v -> v == 0)) c.addSeries("measured", x, y);
        else c.addSeries("measured", x, y, e);
        List<Double> all = new ArrayList<>(y), allErr = new ArrayList<>(e);
        if (Double.isFinite(reference)) {
            CategorySeries line = c.addSeries(referenceName + " " + Fmt.num(reference) + " " + unit, x, x.stream().map(v -> reference).toList());
            line.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            line.setLineColor(LINE);
            line.setMarkerColor(LINE);
            all.add(reference);
            allErr.add(0.0);
        } else {
            c.getStyler().setLegendVisible(false);
        }
        axis(c, all, allErr);
        return c;
    }

    /** XChart cannot draw an empty axis label. */
    private static String quantName(LlmRow r) {
        return r.quant.isEmpty() ? "(no quant param)" : r.quant;
    }

    private static Png png(String file, String title, Chart<?, ?> chart) {
        try {
            return new Png(file, title, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException | RuntimeException e) {
            throw new LlmbenchException("Cannot draw chart " + file + ": " + e.getMessage());
        }
    }
}
