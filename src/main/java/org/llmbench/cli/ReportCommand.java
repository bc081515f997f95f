package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.report.ReportOptions;
import org.llmbench.report.ReportWriter;
import org.llmbench.report.ResultSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a report (Markdown, CSV, JSON, PNG charts, HTML) from JMH JSON files or session folders.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULT", description = "JMH JSON result files or session folders (results/<timestamp>/).")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Report folder (default: <session>/report for one input, ./report otherwise); if it exists, DIR-2, DIR-3, ... is used.")
    Path out;

    @Option(names = "--format", paramLabel = "LIST", defaultValue = "md,csv,json,png",
            description = "Comma-separated: md, csv, json, png, html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--price-per-hour", paramLabel = "USD",
            description = "Price in USD per hour of the machine the results were measured on: adds cost per 1M tokens.")
    Double pricePerHour;

    @Option(names = "--what-if", description = "Also apply a few GPU instances' list prices to the throughput measured here (a what-if: their own throughput differs).")
    boolean whatIf;

    /** After a JMH run: the session's report (md, csv, json, png) into SESSION/report, or one line saying why not. */
    static void reportSession(Path session) {
        reportSession(session, ReportWriter.DEFAULT);
    }

    static void reportSession(Path session, java.util.Set<ReportWriter.Format> formats) {
        try {
            ResultSet set = ResultSet.load(List.of(session));
            System.out.println("llmbench: report in " + ReportWriter.write(set, session.resolve("report"), formats, ReportOptions.NONE).resolve("report.md"));
        } catch (LlmbenchException e) {
            System.err.println("llmbench: no report: " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        var formats = ReportWriter.Format.parse(format);
        ResultSet set = ResultSet.load(inputs);
        Path dir = ReportWriter.write(set, out != null ? out : ReportWriter.defaultOut(set), formats, new ReportOptions(pricePerHour, whatIf));
        set.notes.forEach(n -> System.err.println("llmbench: " + n));
        System.out.println("llmbench: report in " + dir);
        return 0;
    }
}
