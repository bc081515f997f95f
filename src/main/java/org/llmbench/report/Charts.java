package org.llmbench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Draws the report's PNG charts with XChart (headless); a chart without data is not drawn. */
public final class Charts {
    public static final int WIDTH = 900, HEIGHT = 540;

    /** A drawn chart: file name, title, PNG bytes. */
    public record Png(String file, String title, byte[] bytes) {
    }

    private Charts() {
    }

    /** Every chart there is data for; a chart that cannot be drawn is left out with a line in {@code notes}. */
    public static List<Png> draw(List<LlmRow> rows, List<BatchScaling.Series> scaling, List<String> notes) {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        List<LlmRow> llm = rows.stream().filter(LlmRow::isLlm).toList();
        List<Png> out = new ArrayList<>();
        attempt(notes, "throughput.png", () -> bars(out, "throughput.png", "Decode throughput (tokens/s, higher is better)", "tokens/s", llm,
                r -> r.decodeTokensPerSecond, r -> r.decodeErrorTokensPerSecond));
        attempt(notes, "ttft.png", () -> bars(out, "ttft.png", "Time to first token (ms, lower is better)", "TTFT ms", llm,
                r -> r.ttftMillis, r -> r.ttftErrorMillis));
        Map<String, LlmRow> weights = new LinkedHashMap<>();
        llm.stream().filter(r -> Double.isFinite(r.weightBytes)).forEach(r -> weights.putIfAbsent(r.model + " " + r.quant, r));
        attempt(notes, "memory.png", () -> bars(out, "memory.png", "Weight memory per model and quant (MiB, computed)", "MiB",
                new ArrayList<>(weights.values()), r -> r.weightBytes / (1024.0 * 1024), r -> Double.NaN, r -> (r.model + " " + r.quant).trim()));
        attempt(notes, "tokens-per-watt.png", () -> bars(out, "tokens-per-watt.png", "Tokens per joule (= tokens/s per W, higher is better)",
                "tokens/J", rows, r -> r.telemetry.getOrDefault(TelemetryKind.TOKENS_PER_JOULE, Double.NaN), r -> Double.NaN));
        attempt(notes, "batch-scaling.png", () -> batch(out, scaling));
        attempt(notes, "heatmap.png", () -> heatmap(out, llm));
        return out;
    }

    private static void attempt(List<String> notes, String file, Runnable chart) {
        try {
            chart.run();
        } catch (RuntimeException e) { // XChart/AWT trouble: this chart is left out, the report goes on
            notes.add("chart " + file + " skipped: " + (e instanceof LlmbenchException ? e.getMessage() : e.toString()));
        }
    }

    private static void bars(List<Png> out, String file, String title, String yTitle, List<LlmRow> rows,
                             ToDoubleFunction<LlmRow> value, ToDoubleFunction<LlmRow> error) {
        bars(out, file, title, yTitle, rows, value, error, LlmRow::label);
    }

    private static void bars(List<Png> out, String file, String title, String yTitle, List<LlmRow> rows,
                             ToDoubleFunction<LlmRow> value, ToDoubleFunction<LlmRow> error, java.util.function.Function<LlmRow, String> label) {
        List<LlmRow> with = rows.stream().filter(r -> Double.isFinite(value.applyAsDouble(r))).toList();
        if (with.isEmpty()) return;
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        c.getStyler().setXAxisLabelRotation(30);
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
        boolean errors = e.stream().allMatch(Double::isFinite);
        if (errors) c.addSeries(yTitle, x, y, e);
        else c.addSeries(yTitle, x, y);
        out.add(png(file, title, c));
    }

    private static void batch(List<Png> out, List<BatchScaling.Series> scaling) {
        if (scaling.isEmpty()) return;
        String title = "Batch scaling (tokens/s vs batch)";
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("batch").yAxisTitle("tokens/s").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (BatchScaling.Series s : scaling) {
            double[] x = s.points().stream().mapToDouble(BatchScaling.Point::batch).toArray();
            double[] y = s.points().stream().mapToDouble(BatchScaling.Point::tokensPerSecond).toArray();
            String name = s.name();
            while (c.getSeriesMap().containsKey(name)) name += "'";
            c.addSeries(name, x, y);
        }
        out.add(png("batch-scaling.png", title, c));
    }

    /** Decode tokens/s at the smallest batch measured, model × quant. */
    private static void heatmap(List<Png> out, List<LlmRow> llm) {
        Map<String, LlmRow> cell = new LinkedHashMap<>();
        llm.stream().filter(r -> r.kind == LlmRow.Kind.DECODE && Double.isFinite(r.decodeTokensPerSecond))
                .sorted(Comparator.comparingInt(r -> r.batch)).forEach(r -> cell.putIfAbsent(r.model + "\u0000" + r.quant, r));
        if (cell.isEmpty()) return;
        List<String> models = new ArrayList<>(new LinkedHashSet<>(cell.values().stream().map(r -> r.model).toList()));
        List<String> quants = new ArrayList<>(new LinkedHashSet<>(cell.values().stream().map(Charts::quantName).toList()));
        List<Number[]> data = new ArrayList<>();
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (LlmRow r : cell.values()) {
            data.add(new Number[]{quants.indexOf(quantName(r)), models.indexOf(r.model), Math.round(r.decodeTokensPerSecond * 10) / 10.0});
            min = Math.min(min, r.decodeTokensPerSecond);
            max = Math.max(max, r.decodeTokensPerSecond);
        }
        String title = "Decode tokens/s, model × quant (smallest batch measured)";
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
        min = Math.floor(min);
        max = Math.ceil(max);
        c.getStyler().setShowValue(true).setMin(min).setMax(max == min ? min + 1 : max).setLegendVisible(true);
        c.addSeries("tokens/s", quants, models, data);
        out.add(png("heatmap.png", title, c));
    }

    /** XChart cannot draw an empty axis label. */
    private static String quantName(LlmRow r) {
        return r.quant.isEmpty() ? "(no quant param)" : r.quant;
    }

    private static Png png(String file, String title, Chart<?, ?> chart) {
        try {
            return new Png(file, title, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException | RuntimeException e) {
            throw new LlmbenchException("Cannot draw chart " + file + ": " + e);
        }
    }
}
