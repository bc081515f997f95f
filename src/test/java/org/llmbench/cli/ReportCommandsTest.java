package org.llmbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** report, compare and check through Main: exit codes and one-line errors. */
class ReportCommandsTest {
    @TempDir
    Path tmp;

    private static final String ONE = "[{\"benchmark\":\"org.llmbench.bench.DecodeBenchmark.decode\",\"mode\":\"thrpt\",\"params\":{\"batch\":\"1\"},"
            + "\"primaryMetric\":{\"score\":%s,\"scoreError\":1,\"scoreUnit\":\"ops/s\",\"rawData\":[[%s]]}}]";

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return new Run(Main.run(args), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path file(String name, String content) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void checkExitCodes() throws Exception {
        Path base = file("base.json", String.format(ONE, "100", "100],[99],[101"));
        Path slow = file("slow.json", String.format(ONE, "80", "80],[79.2],[80.8"));
        Path bad = file("bad.json", "[{\"benchmark\": ");
        assertEquals(0, run("check", "--baseline", base.toString(), "--candidate", base.toString()).code());
        Run fail = run("check", "--baseline", base.toString(), "--candidate", slow.toString(), "--max-regression", "5%");
        assertEquals(1, fail.code(), fail.out());
        assertTrue(fail.out().contains("DecodeBenchmark.decode [thrpt] batch=1: 20.0% worse"), fail.out());
        assertEquals(0, run("check", "--baseline", base.toString(), "--candidate", slow.toString(), "--max-regression", "25%").code());
        Run broken = run("check", "--baseline", base.toString(), "--candidate", bad.toString());
        assertEquals(2, broken.code());
        assertTrue(broken.err().startsWith("llmbench: ") && broken.err().contains("is not a JMH result: it is not valid JSON") && !broken.err().contains("path $") && !broken.err().contains("\tat "), broken.err());
        assertEquals(2, run("check", "--baseline", base.toString()).code()); // missing --candidate
        assertEquals(2, run("check", "--baseline", base.toString(), "--candidate", base.toString(), "--max-regression", "x").code());
    }

    @Test
    void theLauncherHookReportsIntoTheSessionOrSaysWhyNot() throws Exception {
        Path session = tmp.resolve("results/20260101-000000");
        Files.createDirectories(session);
        Files.writeString(session.resolve("jmh.json"), String.format(ONE, "100", "100],[99],[101")
                .replace("\"batch\":\"1\"", "\"batch\":\"1\",\"model\":\"llama-tiny\",\"genLen\":\"4\""));
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            ReportCommand.reportSession(session);
            Path broken = tmp.resolve("results/broken");
            Files.createDirectories(broken);
            Files.writeString(broken.resolve("jmh.json"), "[]");
            ReportCommand.reportSession(broken);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertTrue(o.toString(StandardCharsets.UTF_8).contains("llmbench: report in " + session.resolve("report/report.md")), o.toString());
        assertTrue(Files.readString(session.resolve("report/report.md")).contains("throughput.png: one configuration only"));
        for (String f : new String[]{"report.md", "report.csv", "summary.json"}) {
            assertTrue(Files.exists(session.resolve("report").resolve(f)), f);
        }
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("llmbench: no report: ") && e.toString(StandardCharsets.UTF_8).contains("holds no JMH results"), e.toString());
    }

    @Test
    void compareAndReport() throws Exception {
        Path base = file("base.json", String.format(ONE, "100", "100],[99],[101"));
        Path slow = file("slow.json", String.format(ONE, "80", "80],[79.2],[80.8"));
        Run cmp = run("compare", base.toString(), slow.toString());
        assertEquals(0, cmp.code(), cmp.err());
        assertTrue(cmp.out().contains("| DecodeBenchmark.decode [thrpt] batch=1 | 100 ± 1.00 | 80.0 ± 1.00 | ops/s | 100 → 80.0 | 0.800 |"), cmp.out());
        assertTrue(cmp.out().contains("20.0% worse | yes | worse |"), cmp.out());

        Run rep = run("report", base.toString(), "--out", tmp.resolve("r").toString(), "--format", "md,csv");
        assertEquals(0, rep.code(), rep.err());
        assertTrue(Files.exists(tmp.resolve("r/report.md")) && Files.exists(tmp.resolve("r/report.csv")));
        assertFalse(Files.exists(tmp.resolve("r/summary.json")));
        Run empty = run("report", file("empty.json", "").toString());
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("is empty"), empty.err());
        assertEquals(2, run("report", base.toString(), "--format", "pdf").code());
    }

    @Test
    void twoSingleForkRunsThatDriftApartDoNotFailCheck() throws Exception {
        // Two real single-fork runs of the same code on a quiet machine (llama-tiny decode, batch 1):
        // tight iterations, 29% apart. Iterations of one fork are not independent samples.
        Path base = file("fork-a.json", String.format(ONE, "3.85", "3.490,3.748,4.319"));
        Path cand = file("fork-b.json", String.format(ONE, "2.70", "2.814,2.610,2.663"));
        Run r = run("check", "--baseline", base.toString(), "--candidate", cand.toString(), "--max-regression", "10%");
        assertEquals(3, r.code(), r.out() + r.err()); // NOT ASSESSED: never a failure, never "OK"
        assertTrue(r.out().contains("not assessable (needs 2+ forks a side"), r.out());
        assertTrue(r.out().contains("check: NOT ASSESSED: ") && !r.out().contains("check: OK"), r.out());
    }
}
