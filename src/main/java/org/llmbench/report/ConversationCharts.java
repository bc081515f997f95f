package org.llmbench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.llmbench.LlmbenchException;
import org.llmbench.results.TurnRecord;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The PNG charts of a conversation run, in the endpoint charts' style (16:9, large type, one colour
 * per configuration; warm solid, cold dashed and lighter): TTFT by turn for each conversation,
 * TTFT against context tokens for all turns, and the warm runs' cache hit rate by turn for each
 * configuration. A chart without data is not drawn; one that fails is left out with a note.
 */
final class ConversationCharts {
    private static final BasicStroke SOLID = new BasicStroke(3f), DASHED = new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{12f, 8f}, 0f);

    private final ConversationView view;
    private final List<Charts.Png> out = new ArrayList<>();

    private ConversationCharts(ConversationView view) {
        this.view = view;
    }

    static List<Charts.Png> draw(ConversationView view, List<String> notes) {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        ConversationCharts c = new ConversationCharts(view);
        for (String conv : view.conversations()) c.attempt(notes, "conversation-ttft-" + conv + ".png", () -> c.ttftByTurn(conv));
        c.attempt(notes, "conversation-ttft-vs-context.png", c::ttftVsContext);
        for (String config : view.configurations()) c.attempt(notes, "conversation-hit-rate-" + config + ".png", () -> c.hitRate(config));
        return c.out;
    }

    private void attempt(List<String> notes, String file, Runnable chart) {
        try {
            chart.run();
        } catch (RuntimeException e) {
            notes.add("chart " + file + " skipped: " + (e instanceof LlmbenchException ? e.getMessage() : e.toString()));
        }
    }

    /** TTFT of each turn, a line per configuration × run. */
    private void ttftByTurn(String conversation) {
        int turns = view.run.turns().stream().filter(t -> t.conversation().equals(conversation)).mapToInt(TurnRecord::turns).max().orElse(0);
        if (turns == 0) return;
        List<String> categories = IntStream.rangeClosed(1, turns).mapToObj(String::valueOf).toList();
        String events = shortEvents(conversation);
        String title = "TTFT by turn: " + conversation + " (ms, lower is better)";
        CategoryChart c = new CategoryChartBuilder().width(EndpointCharts.WIDTH).height(EndpointCharts.HEIGHT).title(title)
                .xAxisTitle("turn" + (events.isEmpty() ? "" : " (" + events + ")")).yAxisTitle("TTFT ms").build();
        EndpointCharts.style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        c.getStyler().setOverlapped(true); // every series at the turn itself, not side by side as bars would be
        c.getStyler().setMarkerSize(11);
        c.getStyler().setYAxisMin(0.0);
        for (String config : view.configurations()) {
            for (String run : view.runs()) {
                List<TurnRecord> turnsOf = view.turns(config, conversation, run);
                if (turnsOf.stream().noneMatch(t -> t.ok() && Double.isFinite(t.request().ttftMs()))) continue;
                List<Double> y = new ArrayList<>();
                for (int t = 1; t <= turns; t++) {
                    int turn = t;
                    y.add(turnsOf.stream().filter(r -> r.turn() == turn && r.ok() && Double.isFinite(r.request().ttftMs())).map(r -> r.request().ttftMs()).findFirst().orElse(null));
                }
                boolean warm = run.equals(TurnRecord.WARM);
                Color color = warm ? view.color(config) : EndpointCharts.shade(view.color(config), 0.35);
                CategorySeries s = c.addSeries(config + " " + run, categories, y);
                s.setLineColor(color);
                s.setMarkerColor(color);
                s.setFillColor(color);
                s.setLineStyle(warm ? SOLID : DASHED);
                s.setMarker(warm ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
            }
        }
        if (!c.getSeriesMap().isEmpty()) png("conversation-ttft-" + conversation + ".png", "TTFT by turn, warm against cold: " + conversation, c);
    }

    /** Every successful turn's TTFT against its context tokens, a point cloud per configuration × run. */
    private void ttftVsContext() {
        String title = "TTFT against context length (ms, every turn)";
        XYChart c = new XYChartBuilder().width(EndpointCharts.WIDTH).height(EndpointCharts.HEIGHT).title(title)
                .xAxisTitle("context tokens (usage.prompt_tokens)").yAxisTitle("TTFT ms").build();
        EndpointCharts.style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(12);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setXAxisMin(0.0).setYAxisMin(0.0);
        for (String config : view.configurations()) {
            for (String run : view.runs()) {
                List<TurnRecord> ok = view.run.turns().stream().filter(t -> t.configuration().equals(config) && t.run().equals(run) && t.ok()
                        && t.contextTokens() >= 0 && Double.isFinite(t.request().ttftMs())).toList();
                if (ok.isEmpty()) continue;
                boolean warm = run.equals(TurnRecord.WARM);
                XYSeries s = c.addSeries(config + " " + run, ok.stream().map(t -> (double) t.contextTokens()).toList(), ok.stream().map(t -> t.request().ttftMs()).toList());
                s.setMarker(warm ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE)
                        .setMarkerColor(warm ? view.color(config) : EndpointCharts.shade(view.color(config), 0.35));
            }
        }
        if (!c.getSeriesMap().isEmpty()) png("conversation-ttft-vs-context.png", title, c);
    }

    /** The warm runs' hit rate (cached / context tokens) by turn, a line per conversation. */
    private void hitRate(String configuration) {
        int turns = view.run.turns().stream().filter(t -> t.configuration().equals(configuration)).mapToInt(TurnRecord::turns).max().orElse(0);
        if (turns == 0) return;
        List<String> categories = IntStream.rangeClosed(1, turns).mapToObj(String::valueOf).toList();
        String title = "Prefix-cache hit rate by turn, warm runs: " + configuration + " (%)";
        CategoryChart c = new CategoryChartBuilder().width(EndpointCharts.WIDTH).height(EndpointCharts.HEIGHT).title(title)
                .xAxisTitle("turn").yAxisTitle("cached / context tokens %").build();
        EndpointCharts.style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        c.getStyler().setOverlapped(true); // every series at the turn itself, not side by side as bars would be
        c.getStyler().setMarkerSize(11);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        List<String> conversations = view.conversations();
        for (int i = 0; i < conversations.size(); i++) {
            List<TurnRecord> warm = view.turns(configuration, conversations.get(i), TurnRecord.WARM);
            if (warm.stream().allMatch(t -> Double.isNaN(t.hitRate()))) continue;
            List<Double> y = new ArrayList<>();
            for (int t = 1; t <= turns; t++) {
                int turn = t;
                y.add(warm.stream().filter(r -> r.turn() == turn && !Double.isNaN(r.hitRate())).map(r -> 100 * r.hitRate()).findFirst().orElse(null));
            }
            Color color = EndpointCharts.palette(i);
            CategorySeries s = c.addSeries(conversations.get(i), categories, y);
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setFillColor(color);
            s.setLineStyle(SOLID);
        }
        if (c.getSeriesMap().isEmpty()) return;
        png("conversation-hit-rate-" + configuration + ".png", title, c);
    }

    /** "documents injected before turn 2, removed before turn 5" for a chart's axis. */
    private String shortEvents(String conversation) {
        List<String> parts = new ArrayList<>();
        view.run.turns().stream().filter(t -> t.conversation().equals(conversation) && t.event().contains("inject")).mapToInt(TurnRecord::turn).distinct()
                .forEach(t -> parts.add("documents injected before turn " + t));
        view.run.turns().stream().filter(t -> t.conversation().equals(conversation) && t.removesDocuments()).mapToInt(TurnRecord::turn).distinct()
                .forEach(t -> parts.add("removed before turn " + t));
        return String.join(", ", parts);
    }

    private void png(String file, String title, Chart<?, ?> chart) {
        try {
            out.add(new Charts.Png(file, title, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
        } catch (IOException | RuntimeException e) {
            throw new LlmbenchException("Cannot draw chart " + file + ": " + e);
        }
    }
}
