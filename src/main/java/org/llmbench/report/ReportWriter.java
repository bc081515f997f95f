package org.llmbench.report;

import org.llmbench.LlmbenchException;
import org.llmbench.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a report folder: report.md, report.csv, summary.json, PNG charts, report.html as asked.
 * The folder is always new (DIR, else DIR-2, DIR-3, ...: a second report of a session never
 * touches the first), and every file in it is written atomically.
 */
public final class ReportWriter {
    public enum Format {
        MD, CSV, JSON, PNG, HTML;

        public static Set<Format> parse(String list) {
            Set<Format> out = EnumSet.noneOf(Format.class);
            for (String f : list.split(",")) {
                String n = f.trim().toUpperCase(Locale.ROOT);
                if (n.isEmpty()) continue;
                try {
                    out.add(Format.valueOf(n));
                } catch (IllegalArgumentException e) {
                    throw new LlmbenchException("Unknown report format '" + f.trim() + "'; valid formats are md, csv, json, png, html.");
                }
            }
            if (out.isEmpty()) throw new LlmbenchException("No report format given; valid formats are md, csv, json, png, html.");
            return out;
        }
    }

    public static final Set<Format> DEFAULT = EnumSet.of(Format.MD, Format.CSV, Format.JSON, Format.PNG);

    private ReportWriter() {
    }

    /** Where a report goes when --out is not given: next to a single input's jmh.json, else ./report. */
    public static Path defaultOut(ResultSet set) {
        if (set.sources.size() == 1) return set.sources.get(0).toAbsolutePath().getParent().resolve("report");
        return Path.of("report");
    }

    /** Writes the report into a new folder derived from {@code out}; returns that folder. */
    public static Path write(ResultSet set, Path out, Set<Format> formats, ReportOptions options) {
        List<LlmRow> rows = set.rows();
        List<BatchScaling.Series> scaling = BatchScaling.of(rows);
        Findings findings = Findings.of(rows, scaling, set);
        EndpointReport endpoint = EndpointReport.of(set);
        List<Charts.Png> charts = new ArrayList<>(), endpointCharts = new ArrayList<>();
        List<String> chartNotes = new ArrayList<>();
        if (formats.contains(Format.PNG) || formats.contains(Format.HTML)) {
            try {
                charts = Charts.draw(rows, scaling, set, chartNotes);
                endpointCharts = endpoint.charts(set.notes);
            } catch (LinkageError e) { // e.g. no usable AWT or fonts: the report goes on without charts
                chartNotes.add("no charts: this Java cannot draw (" + e.getMessage() + ").");
            }
        }
        Map<String, String> endpointTitles = new LinkedHashMap<>();
        endpointCharts.forEach(c -> endpointTitles.put(c.file(), c.title()));
        Map<String, String> chartTitles = new LinkedHashMap<>();
        Map<String, byte[]> chartBytes = new LinkedHashMap<>();
        charts.forEach(c -> {
            chartTitles.put(c.file(), c.title());
            chartBytes.put(c.file(), c.bytes());
        });
        Doc doc = document(set, rows, scaling, findings, options, endpoint, formats.contains(Format.PNG) ? chartTitles : Map.of(),
                formats.contains(Format.PNG) ? chartNotes : List.of(), formats.contains(Format.PNG) ? endpointTitles : Map.of());
        charts.addAll(endpointCharts);
        endpointCharts.forEach(c -> chartBytes.put(c.file(), c.bytes()));
        Path dir = newFolder(out);
        if (formats.contains(Format.MD)) AtomicFiles.writeNew(dir.resolve("report.md"), MarkdownRenderer.render(doc));
        if (formats.contains(Format.CSV)) AtomicFiles.writeNew(dir.resolve("report.csv"), CsvReport.render(rows));
        if (formats.contains(Format.JSON)) AtomicFiles.writeNew(dir.resolve("summary.json"), SummaryJson.render(set, rows, scaling, findings));
        if (formats.contains(Format.PNG)) charts.forEach(c -> AtomicFiles.writeNew(dir.resolve(c.file()), c.bytes()));
        if (formats.contains(Format.HTML)) {
            Doc htmlDoc = document(set, rows, scaling, findings, options, endpoint, chartTitles, chartNotes, endpointTitles);
            AtomicFiles.writeNew(dir.resolve("report.html"), HtmlRenderer.render(htmlDoc, chartBytes));
        }
        return dir;
    }

    /** The generic report, the endpoint one alone when every result is an endpoint benchmark, or both. */
    private static Doc document(ResultSet set, List<LlmRow> rows, List<BatchScaling.Series> scaling, Findings findings, ReportOptions options,
                                EndpointReport endpoint, Map<String, String> charts, List<String> chartNotes, Map<String, String> endpointCharts) {
        Doc doc = endpoint.onlyEndpoints() ? new Doc() : new ReportBuilder(set, rows, scaling, findings, options).build(charts, chartNotes);
        if (!endpoint.isEmpty()) endpoint.appendTo(doc, set, endpointCharts);
        return doc;
    }

    /** DIR if it does not exist yet, else the first free DIR-2, DIR-3, ... (created atomically). */
    static Path newFolder(Path base) {
        try {
            Path parent = base.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            for (int i = 1; i < 1000; i++) {
                Path dir = i == 1 ? base : base.resolveSibling(base.getFileName() + "-" + i);
                try {
                    return Files.createDirectory(dir);
                } catch (FileAlreadyExistsException taken) {
                    // an earlier report lives there: never touch it
                }
            }
        } catch (IOException e) {
            throw new LlmbenchException("Cannot create the report folder " + base + ": " + e.getMessage());
        }
        throw new LlmbenchException("No free report folder name next to " + base + " (tried up to -999).");
    }
}
