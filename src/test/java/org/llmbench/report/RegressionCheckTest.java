package org.llmbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** check on hand-written JMH JSON: what fails CI and what does not. */
class RegressionCheckTest {
    static final String DECODE = "org.llmbench.bench.DecodeBenchmark.decode";
    static final String PREFILL = "org.llmbench.bench.PrefillBenchmark.ttft";
    /** JMH's default 3 iterations... and 5, with ~2% run-to-run noise. */
    static final double[] THRPT3 = {101.0, 98.5, 100.2};
    static final double[] THRPT5 = {101.0, 98.5, 100.2, 99.1, 102.3};
    static final double[] TIME5 = {30.4, 29.8, 30.9, 30.1, 29.5};

    @TempDir
    Path tmp;

    private List<JmhResult> load(JmhJsonFixture f, String name) {
        return ResultSet.load(List.of(f.write(tmp.resolve(name)))).results;
    }

    private RegressionCheck.Outcome check(double[] base, double[] cand, String mode, String unit) {
        String bench = mode.equals("thrpt") ? DECODE : PREFILL;
        return RegressionCheck.run(load(new JmhJsonFixture().add(bench, mode, unit, base, "model=llama-tiny", "batch=1"), "base.json"),
                load(new JmhJsonFixture().add(bench, mode, unit, cand, "model=llama-tiny", "batch=1"), "cand.json"), 0.05);
    }

    @Test
    void twentyPercentSlowerThroughputFailsWithThreeAndFiveIterations() {
        for (double[] base : List.of(THRPT3, THRPT5)) {
            RegressionCheck.Outcome o = check(base, JmhJsonFixture.scaled(base, 0.8), "thrpt", "ops/s");
            assertEquals(1, o.exitCode(), o.text());
            assertTrue(o.text().contains("SLOWER") && o.text().contains("20.0% worse") && o.text().contains("DecodeBenchmark.decode"), o.text());
        }
    }

    @Test
    void twentyPercentLongerTimeFailsAndShorterPasses() {
        RegressionCheck.Outcome slower = check(TIME5, JmhJsonFixture.scaled(TIME5, 1.2), "avgt", "ms/op");
        assertEquals(1, slower.exitCode(), slower.text());
        RegressionCheck.Outcome faster = check(TIME5, JmhJsonFixture.scaled(TIME5, 0.8), "avgt", "ms/op");
        assertEquals(0, faster.exitCode(), faster.text());
        assertTrue(faster.text().contains("20.0% better"), faster.text());
    }

    @Test
    void identicalRunsAndATwoPercentSlowdownPass() {
        assertEquals(0, check(THRPT5, THRPT5, "thrpt", "ops/s").exitCode());
        RegressionCheck.Outcome two = check(THRPT5, JmhJsonFixture.scaled(THRPT5, 0.98), "thrpt", "ops/s");
        assertEquals(0, two.exitCode(), two.text());
        // significant but below the threshold: still not a failure
        assertTrue(two.text().contains("2.0% worse"), two.text());
    }

    @Test
    void aLargeButNoisyDifferenceIsAmbiguousNotSlower() {
        double[] base = {100, 60, 140}, cand = {75, 45, 130}; // median 20% lower, ranges overlap
        RegressionCheck.Outcome o = check(base, cand, "thrpt", "ops/s");
        assertEquals(Verdict.AMBIGUOUS.exitCode(), o.exitCode(), o.text());
        assertTrue(o.text().contains("  AMBIGUOUS ") && o.text().contains("check: AMBIGUOUS"), o.text());
        // forks that stray +-40% dwarf a 5% threshold: said so
        assertTrue(o.text().contains("threshold lies inside the noise band"), o.text());
    }

    @Test
    void timeUnitsAreConvertedAndOneSidedConfigsAreListed() {
        List<JmhResult> base = load(new JmhJsonFixture()
                .add(PREFILL, "avgt", "ms/op", TIME5, "model=llama-tiny", "batch=1")
                .add(PREFILL, "avgt", "ms/op", TIME5, "model=llama-tiny", "batch=8"), "base.json");
        List<JmhResult> cand = load(new JmhJsonFixture()
                .add(PREFILL, "avgt", "us/op", JmhJsonFixture.scaled(TIME5, 1000), "model=llama-tiny", "batch=1")
                .add(PREFILL, "avgt", "ms/op", TIME5, "model=llama-tiny", "batch=16"), "cand.json");
        RegressionCheck.Outcome o = RegressionCheck.run(base, cand, 0.05);
        assertEquals(0, o.exitCode(), o.text());
        assertTrue(o.text().contains("only in baseline (not checked): PrefillBenchmark.ttft [avgt] batch=8"), o.text());
        assertTrue(o.text().contains("only in candidate (not checked): PrefillBenchmark.ttft [avgt] batch=16"), o.text());
        assertTrue(o.text().contains("unchanged"), o.text());
    }

    @Test
    void incompatibleUnitsAreSkippedNotFatal() {
        List<JmhResult> base = load(new JmhJsonFixture().add(PREFILL, "avgt", "ms/op", TIME5, "batch=1"), "base.json");
        List<JmhResult> cand = load(new JmhJsonFixture().add(PREFILL, "avgt", "ops/s", TIME5, "batch=1"), "cand.json");
        RegressionCheck.Outcome o = RegressionCheck.run(base, cand, 0.05);
        assertEquals(Verdict.NOT_ASSESSED.exitCode(), o.exitCode(), o.text()); // nothing left to compare
        assertTrue(o.text().contains("mixed units (ms/op vs ops/s)"), o.text());
    }

    @Test
    void thresholdParsing() {
        assertEquals(0.05, RegressionCheck.parseThreshold("5%"), 1e-12);
        assertEquals(0.1, RegressionCheck.parseThreshold("10"), 1e-12);
        assertEquals(0.005, RegressionCheck.parseThreshold(" 0.5 % "), 1e-12);
        assertThrows(org.llmbench.LlmbenchException.class, () -> RegressionCheck.parseThreshold("five"));
        assertThrows(org.llmbench.LlmbenchException.class, () -> RegressionCheck.parseThreshold("-3%"));
    }

    @Test
    void bootstrapIntervalIsDeterministicAndExcludesOneOnlyForSeparatedSamples() {
        RatioInterval a = RatioInterval.of(THRPT5, JmhJsonFixture.scaled(THRPT5, 0.8));
        assertEquals(a, RatioInterval.of(THRPT5, JmhJsonFixture.scaled(THRPT5, 0.8)));
        assertEquals(0.8, a.ratio(), 1e-12);
        assertTrue(a.high() < 1 && a.low() <= 0.8 && a.high() >= 0.8, a.toString());
        assertFalse(RatioInterval.of(new double[]{1, 2, 3}, new double[]{1.5, 2.5, 3.5}).excludesOne());
        assertFalse(RatioInterval.of(new double[]{5}, new double[]{1}).assessable());
    }
}
