package org.llmbench.report;

import org.llmbench.results.BenchmarkKind;

import org.llmbench.results.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The report on JSON written by a real (tiny) JMH run of the project's benchmarks. */
class RealRunReportTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheRealRunWithDerivedLlmMetrics() {
        List<LlmRow> rows = ResultSet.load(List.of(TinyJmhRun.json().getParent())).rows();
        assertEquals(4, rows.size());
        for (LlmRow row : rows) {
            JmhResult r = row.result;
            assertEquals(5, r.primary().samples().length, r.configKey());
            assertEquals("llama-tiny", row.model);
            if (row.kind == BenchmarkKind.DECODE) {
                // DecodeBenchmark's tokens counter = batch · genLen · ops/s
                double ops = r.primary().score();
                assertEquals(ops * row.batch * 4, row.decodeTokensPerSecond, ops * row.batch * 4 * 1e-6);
                assertEquals(1000.0 * row.batch / row.decodeTokensPerSecond, row.tpotMillis, 1e-9);
            } else {
                assertEquals(BenchmarkKind.PREFILL, row.kind);
                assertEquals(row.batch * 8 / (row.ttftMillis / 1000), row.prefillTokensPerSecond, 1e-6);
            }
            assertTrue(row.weightBytes > 90e6 && row.weightBytes < 100e6, "llama-tiny fp32 is ~97.6 MB, as the run recorded it: " + row.weightBytes);
            assertTrue(row.kvCacheBytes > 0, "the session's KV cache, recorded: " + row.kvCacheBytes);
        }
    }

    @Test
    void writesEveryFormatAndNeverOverwrites() throws Exception {
        Path session = tmp.resolve("session");
        Files.createDirectories(session);
        copySession(TinyJmhRun.json().getParent(), session);
        ResultSet set = ResultSet.load(List.of(session));
        Path dir = ReportWriter.write(set, session.resolve("report"), EnumSet.allOf(ReportWriter.Format.class), new ReportOptions(1.5, false));
        assertEquals(session.resolve("report"), dir);
        String md = Files.readString(dir.resolve("report.md"));
        for (String section : List.of("## Executive summary", "## Highlights", "## Results per model", "### llama-tiny", "## Batch scaling",
                "## Memory", "## Power and thermal", "## Quantization trade-off", "## Cost per 1M tokens", "## Recommendations", "at $1.50/h")) {
            assertTrue(md.contains(section), "report.md lacks " + section);
        }
        assertTrue(md.contains("memory.png: one configuration only") && md.contains("heatmap.png: needs two models and two quants"), md);
        for (String chart : List.of("throughput.png", "ttft.png", "batch-scaling.png")) {
            byte[] png = Files.readAllBytes(dir.resolve(chart));
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, java.util.Arrays.copyOf(png, 8), chart);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(Charts.WIDTH, img.getWidth(), chart);
            assertEquals(Charts.HEIGHT, img.getHeight(), chart);
            assertTrue(md.contains("](" + chart + ")"));
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,") && html.contains("<table>"));
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"decodeTokensPerSecond\""));

        // CSV parses back to the same numbers
        List<List<String>> csv = parseCsv(Files.readString(dir.resolve("report.csv")));
        List<String> header = csv.get(0);
        assertEquals(set.results.size() + 1, csv.size());
        for (int i = 0; i < set.results.size(); i++) {
            LlmRow row = set.rows().get(i);
            JmhResult r = row.result;
            List<String> line = csv.get(i + 1);
            assertEquals(r.benchmark(), line.get(header.indexOf("benchmark")));
            assertEquals(r.primary().score(), Double.parseDouble(line.get(header.indexOf("score"))));
            assertEquals(r.primary().error(), Double.parseDouble(line.get(header.indexOf("scoreError"))));
            assertEquals(row.weightBytes, Double.parseDouble(line.get(header.indexOf("weightBytes"))));
            if (row.kind == BenchmarkKind.DECODE) {
                assertEquals(row.decodeTokensPerSecond, Double.parseDouble(line.get(header.indexOf("decodeTokensPerSecond"))));
                assertEquals(r.secondary().get("tokens").score(), Double.parseDouble(line.get(header.indexOf("tokens [ops/s]"))));
                assertEquals(r.secondary().get("weightBytes").score(), Double.parseDouble(line.get(header.indexOf("weightBandwidthBytesPerSecond"))));
            } else {
                assertEquals(row.ttftMillis, Double.parseDouble(line.get(header.indexOf("ttftMillis"))));
                assertEquals("", line.get(header.indexOf("decodeTokensPerSecond")));
            }
        }

        // a second report of the same session goes to report-2 and leaves the first alone
        long before = Files.getLastModifiedTime(dir.resolve("report.md")).toMillis();
        Path second = ReportWriter.write(ResultSet.load(List.of(session)), session.resolve("report"), EnumSet.of(ReportWriter.Format.MD), ReportOptions.NONE);
        assertEquals(session.resolve("report-2"), second);
        assertEquals(before, Files.getLastModifiedTime(dir.resolve("report.md")).toMillis());
        assertTrue(Files.exists(second.resolve("report.md")));
    }

    @Test
    void checkOfSingleForkRunsIsNotAssessedNeverOk() {
        List<JmhResult> run = ResultSet.load(List.of(TinyJmhRun.json())).results; // one fork (-f 0): no spread between forks
        RegressionCheck.Outcome same = RegressionCheck.run(run, run, 0.05);
        assertEquals(Verdict.NOT_ASSESSED.exitCode(), same.exitCode(), same.text()); // one fork a side: assessable by nobody, failed by nobody
        List<JmhResult> slower = new ArrayList<>();
        for (JmhResult r : run) {
            double f = Units.direction(r.primary().unit()) == Direction.HIGHER_IS_BETTER ? 0.98 : 1.02;
            slower.add(new JmhResult(r.benchmark(), r.mode(), r.params(), r.primary().scaled(f, r.primary().unit()), r.secondary(),
                    r.threads(), r.forks(), r.jdkVersion(), r.source()));
        }
        RegressionCheck.Outcome two = RegressionCheck.run(run, slower, 0.05);
        assertEquals(Verdict.NOT_ASSESSED.exitCode(), two.exitCode(), two.text());
        assertTrue(two.text().contains("2.0% worse"), two.text());
    }

    /** RFC 4180: quoted cells, doubled quotes, CRLF rows. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        return rows;
    }

    /** A copy of a session folder's files (jmh.json and the configurations the run recorded). */
    static void copySession(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
