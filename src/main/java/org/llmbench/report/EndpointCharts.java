package org.llmbench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.llmbench.LlmbenchException;
import org.llmbench.results.EndpointResults;
import org.llmbench.results.EndpointSettings;
import org.llmbench.results.EndpointStats;
import org.llmbench.results.EndpointSummary;
import org.llmbench.results.RequestRecord;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PNG charts of an endpoint run, drawn to be put on a slide: 16:9, large type, white ground,
 * one colour per endpoint kept across every chart (a lighter shade for its p99). A chart without
 * data is not drawn; one that fails is left out with a note.
 */
final class EndpointCharts {
    static final int WIDTH = 1280, HEIGHT = 720;
    private static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xE4572E), new Color(0x2CA02C), new Color(0x9467BD),
            new Color(0x8C564B), new Color(0xE377C2), new Color(0x17BECF), new Color(0xBCBD22)};

    private final EndpointView view;
    private final List<Charts.Png> out = new ArrayList<>();

    private EndpointCharts(EndpointView view) {
        this.view = view;
    }

    static List<Charts.Png> draw(EndpointView view, List<String> notes) {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        EndpointCharts c = new EndpointCharts(view);
        c.attempt(notes, "endpoint-latency.png", c::latencyBoxes);
        c.attempt(notes, "endpoint-ttft.png", () -> c.percentileBars("endpoint-ttft.png", "Time to first token by load (ms, lower is better)", "TTFT ms", EndpointSummary::ttft));
        c.attempt(notes, "endpoint-tpot.png", () -> c.percentileBars("endpoint-tpot.png", "Time per output token by load (ms, lower is better)", "TPOT ms", EndpointSummary::tpot));
        c.attempt(notes, "endpoint-throughput.png", c::throughput);
        c.attempt(notes, "endpoint-latency-by-length.png", () -> c.byGroup("endpoint-latency-by-length.png", "length=",
                "TTFT by prompt length", "TTFT p50 ms", EndpointSummary::ttft));
        c.attempt(notes, "endpoint-complexity.png", () -> c.byGroup("endpoint-complexity.png", "complexity=",
                "E2E latency by prompt complexity", "E2E p50 ms", EndpointSummary::e2e));
        c.attempt(notes, "endpoint-tokens.png", c::tokens);
        c.attempt(notes, "endpoint-success.png", c::success);
        c.attempt(notes, "endpoint-itl-timeline.png", c::itlTimeline);
        return c.out;
    }

    private void attempt(List<String> notes, String file, Runnable chart) {
        try {
            chart.run();
        } catch (RuntimeException e) { // XChart/AWT trouble: this chart is left out, the report goes on
            notes.add("chart " + file + " skipped: " + (e instanceof LlmbenchException ? e.getMessage() : e.toString()));
        }
    }

    /**
     * E2E latency of every successful request, one box per endpoint × level in the endpoint's colour:
     * box = quartiles, bar = median, whiskers to the furthest value within 1.5 IQR, dots beyond.
     * (XChart's own box plot cannot be coloured, so the boxes are drawn as thick line segments.)
     */
    private void latencyBoxes() {
        List<EndpointSummary> boxes = view.levelSummaries().stream()
                .filter(s -> view.measured(s).stream().anyMatch(RequestRecord::ok)).toList();
        if (boxes.isEmpty()) return;
        String title = "End-to-end latency per request (ms, lower is better)";
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("endpoint @ load").yAxisTitle("E2E latency ms").build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        List<String> names = boxes.stream().map(view::seriesName).toList();
        // XChart places custom tick labels at the x values of the data only when those are equally spaced and every label
        // differs: boxes at 1..n, margins at 0 and n + 1 labelled " " and "  ", and every shape a vertical segment
        // (a thick one is a bar; a thick, very short one a horizontal mark)
        c.setCustomXAxisTickLabelsFormatter(x -> {
            long i = Math.round(x);
            return i >= 1 && i <= names.size() ? names.get((int) i - 1) : i <= 0 ? " " : "  ";
        });
        double top = boxes.stream().flatMap(b -> view.measured(b).stream()).filter(RequestRecord::ok).mapToDouble(RequestRecord::e2eMs).max().orElse(1);
        double mark = top * 0.004;
        float boxPx = (float) Math.min(120, 0.55 * (WIDTH - 180) / (boxes.size() + 1));
        for (int i = 0; i < boxes.size(); i++) {
            double x = i + 1;
            double[] v = view.measured(boxes.get(i)).stream().filter(RequestRecord::ok).mapToDouble(RequestRecord::e2eMs).sorted().toArray();
            double q1 = EndpointStats.percentile(v, 25), med = EndpointStats.percentile(v, 50), q3 = EndpointStats.percentile(v, 75), iqr = q3 - q1;
            double lo = Arrays.stream(v).filter(d -> d >= q1 - 1.5 * iqr).min().orElse(q1), hi = Arrays.stream(v).filter(d -> d <= q3 + 1.5 * iqr).max().orElse(q3);
            Color color = view.color(boxes.get(i).endpoint()), dark = color.darker();
            segment(c, "whisker " + i, x, lo, x, hi, dark, 2.5f);
            segment(c, "cap-lo " + i, x, lo - mark / 2, x, lo + mark / 2, dark, boxPx / 2);
            segment(c, "cap-hi " + i, x, hi - mark / 2, x, hi + mark / 2, dark, boxPx / 2);
            segment(c, "lower " + i, x, q1, x, med, shade(color, 0.45), boxPx);
            segment(c, "upper " + i, x, med, x, q3, shade(color, 0.2), boxPx);
            segment(c, "median " + i, x, med - mark, x, med + mark, dark.darker(), boxPx);
            List<Double> outX = new ArrayList<>(), outY = new ArrayList<>();
            for (double d : v) {
                if (d < lo || d > hi) {
                    outX.add(x);
                    outY.add(d);
                }
            }
            if (!outX.isEmpty()) {
                XYSeries o = c.addSeries("outliers " + i, outX, outY);
                o.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                o.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(withAlpha(dark, 170));
                o.setShowInLegend(false);
            }
        }
        segment(c, "margin", 0, 0, boxes.size() + 1, 0, new Color(0, 0, 0, 0), 1f); // last: XChart reads the tick positions in series order
        png("endpoint-latency.png", "End-to-end latency per request: boxes = quartiles, dark bar = median, whiskers to 1.5 IQR, dots beyond", c);
    }

    private static void segment(XYChart c, String name, double x0, double y0, double x1, double y1, Color color, float width) {
        XYSeries s = c.addSeries(name, new double[]{x0, x1}, new double[]{y0, y1});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        s.setShowInLegend(false);
    }

    /** p50 bars with the p99 beside them in a lighter shade, grouped by load level. */
    private void percentileBars(String file, String title, String yTitle, java.util.function.Function<EndpointSummary, EndpointStats> metric) {
        List<String> levels = view.levelLabels();
        List<String> categories = levels.stream().map(l -> EndpointSettings.levelLabel(view.mode(), l)).toList();
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("load").yAxisTitle(yTitle).build();
        style(c.getStyler());
        bars(c);
        boolean any = false;
        for (String endpoint : view.endpoints()) {
            List<Double> p50 = new ArrayList<>(), p99 = new ArrayList<>();
            for (String level : levels) {
                EndpointSummary s = view.summary(endpoint, level);
                p50.add(s == null ? 0.0 : finiteOr0(metric.apply(s).median()));
                p99.add(s == null ? 0.0 : finiteOr0(metric.apply(s).p99()));
            }
            if (p50.stream().allMatch(v -> v == 0)) continue;
            any = true;
            c.addSeries(endpoint + " p50", categories, p50).setFillColor(view.color(endpoint));
            c.addSeries(endpoint + " p99", categories, p99).setFillColor(shade(view.color(endpoint), 0.5));
        }
        if (any) png(file, title, c);
    }

    /** Output tokens/s (Σ tokens / active window) against concurrency or rate, one line per endpoint. */
    private void throughput() {
        String mode = view.mode();
        String x = mode.equals("rate") ? "offered rate (requests/s)" : mode.equals("concurrent") ? "concurrency (requests in flight)" : "sequential";
        String title = "Output throughput vs " + (mode.equals("rate") ? "request rate" : "concurrency") + " (tokens/s, higher is better)";
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle("output tokens/s").build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setMarkerSize(12);
        c.getStyler().setYAxisMin(0.0);
        for (String endpoint : view.endpoints()) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (String level : view.levelLabels()) {
                EndpointSummary s = view.summary(endpoint, level);
                if (s == null || !Double.isFinite(s.outputTokensPerSecond())) continue;
                xs.add(Double.parseDouble(level));
                ys.add(s.outputTokensPerSecond());
            }
            if (xs.isEmpty()) continue;
            XYSeries series = c.addSeries(endpoint, xs, ys);
            series.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(view.color(endpoint));
            series.setLineColor(view.color(endpoint));
            series.setLineWidth(3f);
        }
        if (!c.getSeriesMap().isEmpty()) png("endpoint-throughput.png", title, c);
    }

    /** A latency median per prompt group (length or complexity) at each endpoint's first load level. */
    private void byGroup(String file, String prefix, String what, String yTitle, java.util.function.Function<EndpointSummary, EndpointStats> metric) {
        String level = view.levelLabels().isEmpty() ? null : view.levelLabels().get(0);
        if (level == null) return;
        Map<String, Map<String, Double>> byEndpoint = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>();
        for (EndpointSummary s : view.groupSummaries(prefix)) {
            if (!s.level().equals(level) || !Double.isFinite(metric.apply(s).median())) continue;
            String g = s.group().substring(prefix.length());
            if (!groups.contains(g)) groups.add(g);
            byEndpoint.computeIfAbsent(s.endpoint(), k -> new LinkedHashMap<>()).put(g, metric.apply(s).median());
        }
        if (groups.isEmpty()) return;
        String title = what + " (" + EndpointSettings.levelLabel(view.mode(), level) + "; ms)";
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(prefix.substring(0, prefix.length() - 1))
                .yAxisTitle(yTitle).build();
        style(c.getStyler());
        bars(c);
        byEndpoint.forEach((endpoint, values) -> c.addSeries(endpoint, groups, groups.stream().map(g -> values.getOrDefault(g, 0.0)).toList())
                .setFillColor(view.color(endpoint)));
        png(file, title, c);
    }

    /** Input against output tokens of every successful request. */
    private void tokens() {
        String title = "Token analysis: input vs output tokens per request";
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("input tokens (usage.prompt_tokens)")
                .yAxisTitle("output tokens").build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(13);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisMin(0.0).setYAxisMin(0.0);
        var shapes = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP);
        for (String endpoint : view.endpoints()) {
            List<RequestRecord> rs = view.measured(endpoint).stream().filter(r -> r.ok() && r.inputTokens() >= 0).toList();
            if (rs.isEmpty()) continue;
            XYSeries s = c.addSeries(endpoint, rs.stream().map(r -> (double) r.inputTokens()).toList(), rs.stream().map(r -> (double) r.outputTokens()).toList());
            s.setMarker(shapes.get(view.endpoints().indexOf(endpoint) % shapes.size())).setMarkerColor(withAlpha(view.color(endpoint), 140));
        }
        if (!c.getSeriesMap().isEmpty()) png("endpoint-tokens.png", title, c);
    }

    private void success() {
        List<String> levels = view.levelLabels();
        List<String> categories = levels.stream().map(l -> EndpointSettings.levelLabel(view.mode(), l)).toList();
        String title = "Success rate by load (% of measured requests)";
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("load").yAxisTitle("success %").build();
        style(c.getStyler());
        bars(c);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(110.0);
        c.getStyler().setYAxisTickMarkSpacingHint(60);
        for (String endpoint : view.endpoints()) {
            List<Double> y = levels.stream().map(l -> view.summary(endpoint, l)).map(s -> s == null ? 0.0 : 100 * finiteOr0(s.successRate())).toList();
            c.addSeries(endpoint, categories, y).setFillColor(view.color(endpoint));
        }
        if (!c.getSeriesMap().isEmpty()) png("endpoint-success.png", title, c);
    }

    /** Every inter-chunk gap at the time it ended, over the whole run: stalls, queueing and level changes show as they happened. */
    private void itlTimeline() {
        double[] all = view.endpoints().stream().flatMap(e -> view.measured(e).stream()).filter(RequestRecord::ok)
                .flatMapToDouble(r -> Arrays.stream(r.itlMs())).sorted().toArray();
        if (all.length == 0) return;
        double top = EndpointStats.percentile(all, 99.5) * 1.25;
        String title = "Inter-chunk latency over the run (ms; y axis up to 1.25 × p99.5)";
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("time since the run began (s)").yAxisTitle("ITL ms").build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(5);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(top > 0 ? top : 1.0);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (String endpoint : view.endpoints()) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (RequestRecord r : view.measured(endpoint)) {
                if (!r.ok()) continue;
                double[] t = r.chunkTimesMs();
                for (int i = 0; i < r.itlMs().length; i++) {
                    xs.add(t[i + 1] / 1000);
                    ys.add(Math.min(r.itlMs()[i], top));
                }
            }
            if (xs.isEmpty()) continue;
            int stride = Math.max(1, xs.size() / 20_000); // a readable cloud, a bounded PNG
            List<Double> sx = new ArrayList<>(), sy = new ArrayList<>();
            for (int i = 0; i < xs.size(); i += stride) {
                sx.add(xs.get(i));
                sy.add(ys.get(i));
            }
            c.addSeries(endpoint, sx, sy).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(withAlpha(view.color(endpoint), 110));
        }
        if (!c.getSeriesMap().isEmpty()) png("endpoint-itl-timeline.png", title, c);
    }

    /** Grouped bars with their values printed on them. */
    private static void bars(CategoryChart c) {
        c.getStyler().setOverlapped(false);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        c.getStyler().setLabelsPosition(0.97);
        c.getStyler().setLabelsFontColorAutomaticEnabled(true);
        c.getStyler().setAvailableSpaceFill(0.75);
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(new Color(0xDDDDDD));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 26));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 17));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setChartPadding(18);
        s.setAxisTickMarkLength(6);
        s.setXAxisLabelRotation(0);
        s.setDecimalPattern("#,##0.#");
        s.setAntiAlias(true);
    }

    private void png(String file, String title, Chart<?, ?> chart) {
        try {
            out.add(new Charts.Png(file, title, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
        } catch (IOException | RuntimeException e) {
            throw new LlmbenchException("Cannot draw chart " + file + ": " + e);
        }
    }

    static Color palette(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Towards white by {@code amount} (0 = unchanged, 1 = white). */
    private static Color shade(Color c, double amount) {
        return new Color((int) (c.getRed() + (255 - c.getRed()) * amount), (int) (c.getGreen() + (255 - c.getGreen()) * amount),
                (int) (c.getBlue() + (255 - c.getBlue()) * amount));
    }

    private static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static double finiteOr0(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
