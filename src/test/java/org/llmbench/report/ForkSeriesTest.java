package org.llmbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.LlmbenchException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Reading the two sides of a paired run from JMH JSON made by hand: files, forks, order, and what cannot be paired. */
class ForkSeriesTest {
    static final String DECODE = "org.llmbench.bench.DecodeBenchmark.decode";

    @TempDir
    Path tmp;

    private Path fork(String side, String name, double score, String... params) {
        return new JmhJsonFixture().add(DECODE, "thrpt", "ops/s", new double[]{score}, params).write(tmp.resolve(side).resolve(name));
    }

    @Test
    void perForkFilesInAFolderPairInNameOrderAndSidecarsAreIgnored() throws Exception {
        double[] base = {10, 20, 30}, cand = {9, 18, 27.5};
        for (int i = 0; i < 3; i++) {
            fork("a", "pair-0" + (i + 1) + ".json", base[i], "batch=1");
            fork("b", "pair-0" + (i + 1) + ".json", cand[i], "batch=1");
        }
        Files.writeString(tmp.resolve("a/env.json"), "{}");
        Files.writeString(tmp.resolve("b/pair-01.log"), "console");
        List<Path> files = ForkSeries.files(tmp.resolve("a"));
        assertEquals(List.of("pair-01.json", "pair-02.json", "pair-03.json"), files.stream().map(p -> p.getFileName().toString()).toList());
        List<PairedComparison> c = ForkSeries.compare(ForkSeries.read(files, "primary"), ForkSeries.read(ForkSeries.files(tmp.resolve("b")), "primary"));
        assertEquals(1, c.size());
        assertArrayEquals(new double[]{0.9, 0.9, 27.5 / 30}, c.get(0).ratios(), 1e-12);
        assertEquals("DecodeBenchmark.decode [thrpt] batch=1", c.get(0).key());
    }

    @Test
    void oneFileWithSeveralForksPairsForkByForkAndUnitsAreConverted() {
        Path a = new JmhJsonFixture().add(DECODE, "avgt", "ms/op", new double[]{10, 11, 12}, "batch=1").write(tmp.resolve("a.json"));
        Path b = new JmhJsonFixture().add(DECODE, "avgt", "us/op", new double[]{11000, 12100, 13200}, "batch=1").write(tmp.resolve("b.json"));
        PairedComparison c = ForkSeries.compare(ForkSeries.read(List.of(a), "primary"), ForkSeries.read(List.of(b), "primary")).get(0);
        assertEquals("ms/op", c.unit());
        assertArrayEquals(new double[]{1.1, 1.1, 1.1}, c.ratios(), 1e-9);
        assertEquals(Verdict.SLOWER, c.verdict(0.05)); // 10% more time per operation
    }

    @Test
    void aSecondaryMetricIsJudgedByItsLabel() {
        Map<String, String> tokA = Map.of("tokens", JmhJsonFixture.metric("ops/s", 400, 404)), tokB = Map.of("tokens", JmhJsonFixture.metric("ops/s", 300, 303));
        Path a = new JmhJsonFixture().add(DECODE, "thrpt", "ops/s", new double[]{100, 101}, tokA, "batch=1").write(tmp.resolve("a.json"));
        Path b = new JmhJsonFixture().add(DECODE, "thrpt", "ops/s", new double[]{100, 101}, tokB, "batch=1").write(tmp.resolve("b.json"));
        PairedComparison c = ForkSeries.compare(ForkSeries.read(List.of(a), "tokens"), ForkSeries.read(List.of(b), "tokens")).get(0);
        assertEquals(0.75, c.medianRatio(), 1e-12);
        assertTrue(c.key().endsWith(":tokens"), c.key());
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> ForkSeries.read(List.of(a), "ttft"));
        assertTrue(e.getMessage().contains("has no metric 'ttft'") && e.getMessage().contains("primary, tokens"), e.getMessage());
    }

    @Test
    void differentBenchmarkSetsOrForkCountsAreOneSentence() {
        Path a = new JmhJsonFixture().add(DECODE, "thrpt", "ops/s", new double[]{1, 2}, "batch=1")
                .add(DECODE, "thrpt", "ops/s", new double[]{1, 2}, "batch=8").write(tmp.resolve("a.json"));
        Path b = new JmhJsonFixture().add(DECODE, "thrpt", "ops/s", new double[]{1, 2}, "batch=1")
                .add(DECODE, "thrpt", "ops/s", new double[]{1, 2}, "batch=16").write(tmp.resolve("b.json"));
        LlmbenchException e = assertThrows(LlmbenchException.class,
                () -> ForkSeries.compare(ForkSeries.read(List.of(a), "primary"), ForkSeries.read(List.of(b), "primary")));
        assertEquals("Baseline and candidate ran different benchmark sets; only in the baseline: DecodeBenchmark.decode [thrpt] batch=8; "
                + "only in the candidate: DecodeBenchmark.decode [thrpt] batch=16; a paired comparison needs the same benchmarks and parameters on both sides.", e.getMessage());
        Path c = new JmhJsonFixture().add(DECODE, "thrpt", "ops/s", new double[]{1, 2, 3}, "batch=1").write(tmp.resolve("c.json"));
        Path d = new JmhJsonFixture().add(DECODE, "thrpt", "ops/s", new double[]{1, 2}, "batch=1").write(tmp.resolve("d.json"));
        e = assertThrows(LlmbenchException.class, () -> ForkSeries.compare(ForkSeries.read(List.of(c), "primary"), ForkSeries.read(List.of(d), "primary")));
        assertTrue(e.getMessage().contains("3 baseline forks and 2 candidate forks"), e.getMessage());
        e = assertThrows(LlmbenchException.class, () -> ForkSeries.files(tmp.resolve("nothing-here")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
