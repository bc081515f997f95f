package org.llmbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.LlmbenchException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Malformed, truncated, empty and foreign input: one clear message, never a stack trace. */
class BadInputTest {
    @TempDir
    Path tmp;

    private String error(String content) throws Exception {
        Path f = tmp.resolve("in-" + Math.abs(content.hashCode()) + ".json");
        Files.writeString(f, content);
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> ResultSet.load(List.of(f)));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void clearErrors() throws Exception {
        assertTrue(error("").contains("is empty"));
        assertTrue(error("   \n").contains("is empty"));
        assertTrue(error("[{\"benchmark\": \"x\", \"primaryMetric\": {\"score\": 1.0, ").contains("is not a JMH result: it is not valid JSON (a syntax error or an early end near line 1"));
        assertTrue(error("{\"benchmark\": \"x\"}").contains("is not a JMH result: it holds an object, not a list of results"));
        assertTrue(error("\"results\"").contains("is not a JMH result: it holds a string, not a list of results"));
        assertTrue(error("not json at all").contains("is not a JMH result"));
        assertTrue(error("[]").contains("holds no JMH results"));
        assertTrue(error("[{\"a\": 1}, {\"benchmark\": \"b\"}]").contains("holds no JMH results"));
        assertTrue(error("[{\"benchmark\": \"b\", \"primaryMetric\": {\"score\": \"lots\", \"scoreUnit\": \"ops/s\"}}]").contains("holds no JMH results"));
        LlmbenchException missing = assertThrows(LlmbenchException.class, () -> ResultSet.load(List.of(tmp.resolve("nope.json"))));
        assertTrue(missing.getMessage().contains("no such file"));
        LlmbenchException folder = assertThrows(LlmbenchException.class, () -> ResultSet.load(List.of(tmp)));
        assertTrue(folder.getMessage().contains("without jmh.json"));
    }

    @Test
    void nonFiniteNumbersAndSampleTimeHistograms() throws Exception {
        Path f = tmp.resolve("quirks.json");
        Files.writeString(f, """
                [ { "benchmark" : "com.acme.Foo.bar", "mode" : "sample", "params" : { "size" : "10" },
                    "primaryMetric" : { "score" : 2.5, "scoreError" : "NaN", "scoreConfidence" : [ "-INF", "+INF" ],
                      "scoreUnit" : "ms/op",
                      "rawDataHistogram" : [ [ [ [ 1.0, 3 ], [ 5.0, 1 ] ], [ [ 2.0, 2 ] ] ] ] },
                    "secondaryMetrics" : { "·gc.alloc.rate" : { "score" : "+INF", "scoreError" : "NaN", "scoreUnit" : "MB/sec", "rawData" : [ [ "NaN" ] ] } } },
                  { "unrelated" : true } ]
                """);
        ResultSet set = ResultSet.load(List.of(f));
        assertEquals(1, set.results.size());
        JmhResult r = set.results.get(0);
        assertArrayEquals(new double[]{2.0, 2.0}, r.primary().samples(), 1e-12); // per-iteration histogram means
        assertTrue(Double.isNaN(r.primary().error()));
        assertEquals(Double.POSITIVE_INFINITY, r.secondary().get("·gc.alloc.rate").score());
        assertTrue(set.notes.get(0).contains("skipped entry 1"), set.notes.toString());
        // an unknown benchmark gets a generic table, not an error
        Path dir = ReportWriter.write(set, tmp.resolve("out"), ReportWriter.DEFAULT, ReportOptions.NONE);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("## Other benchmarks") && md.contains("Foo.bar") && md.contains("size=10"), md);
        assertTrue(md.contains("skipped entry 1"), md);
        assertTrue(Files.readString(dir.resolve("report.csv")).contains("+INF"));
    }

    @Test
    void mixedUnitsForOneBenchmarkAreConvertedOrSkipped() {
        List<Path> files = new ArrayList<>();
        files.add(new JmhJsonFixture().add("a.B.m", "avgt", "ms/op", new double[]{1, 2}, "n=1").write(tmp.resolve("1.json")));
        files.add(new JmhJsonFixture().add("a.B.m", "avgt", "us/op", new double[]{1000, 2000}, "n=2").write(tmp.resolve("2.json")));
        files.add(new JmhJsonFixture().add("a.B.m", "avgt", "counts", new double[]{1, 2}, "n=3").write(tmp.resolve("3.json")));
        ResultSet set = ResultSet.load(files);
        assertEquals(2, set.results.size());
        assertEquals("ms/op", set.results.get(1).primary().unit());
        assertEquals(1.5, set.results.get(1).primary().score(), 1e-9);
        assertTrue(set.notes.get(0).contains("mixed units for one benchmark (counts here, ms/op elsewhere)"), set.notes.toString());
    }

    @Test
    void badOptions() {
        assertThrows(LlmbenchException.class, () -> ReportWriter.Format.parse("md,pdf"));
        Path f = new JmhJsonFixture().add("a.B.m", "avgt", "ms/op", new double[]{1, 2}).write(tmp.resolve("x.json"));
        LlmbenchException e = assertThrows(LlmbenchException.class,
                () -> new ReportOptions(-1.0, false));
        assertTrue(e.getMessage().contains("--price-per-hour"));
    }
}
