package org.llmbench.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.report.JmhJsonReader;
import org.llmbench.report.JmhResult;
import org.llmbench.report.Units;
import org.llmbench.results.Direction;
import org.llmbench.results.EndpointSlo;
import org.llmbench.results.RequestRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class JmhRecordsTest {
    @Test
    void successfulRequestsAreDealtRoundRobinIntoAtMostFiveGroups() {
        assertEquals(1, JmhRecords.groups(3));
        assertEquals(2, JmhRecords.groups(4));
        assertEquals(4, JmhRecords.groups(9));
        assertEquals(5, JmhRecords.groups(1000));
        List<RequestRecord> ok = IntStream.range(0, 10).mapToObj(i -> SummariesTest.ok("short", 0, i * 100, i, new double[]{i}, 50, 1, 2)).toList();
        double[][] groups = JmhRecords.deal(ok, 5, r -> new double[]{r.ttftMs()});
        assertEquals(5, groups.length);
        assertArrayEquals(new double[]{0, 5}, groups[0]);
        assertArrayEquals(new double[]{4, 9}, groups[4]);
    }

    @Test
    void aLargeGroupKeepsItsDistributionInTenThousandQuantiles() {
        double[] values = IntStream.range(0, 25_000).mapToDouble(i -> i).toArray();
        double[] capped = JmhRecords.capped(values);
        assertEquals(10_000, capped.length);
        assertEquals(0, capped[0]);
        assertEquals(24_999, capped[9_999]);
        double[] sorted = capped.clone();
        Arrays.sort(sorted);
        assertEquals(12_499.5, (sorted[4_999] + sorted[5_000]) / 2, 2);
    }

    @Test
    void theReportsReaderReadsOneRecordPerMetricWithItsDirection(@TempDir Path dir) throws Exception {
        List<RequestRecord> measured = new ArrayList<>(List.of(SummariesTest.R1, SummariesTest.R2, SummariesTest.R3));
        String json = JmhRecords.json(measured, Map.of(Summaries.key("a", "1"), SummariesTest.window()),
                Map.of("a", Map.of("model", "m", "prompts", "suite")), new EndpointSlo(150, Double.NaN, Double.NaN));
        Path file = dir.resolve("jmh.json");
        Files.writeString(file, json);
        List<String> notes = new ArrayList<>();
        List<JmhResult> results = JmhJsonReader.read(file, notes);
        assertTrue(notes.isEmpty(), notes.toString());
        assertEquals(List.of("ttft", "tpot", "itl", "e2e", "requestThroughput", "outputTokens", "goodput"),
                results.stream().map(JmhResult::method).toList());
        JmhResult ttft = results.get(0);
        assertEquals("ss", ttft.mode());
        assertEquals(Direction.LOWER_IS_BETTER, Units.direction(ttft.primary().unit()));
        assertEquals(Map.of("model", "m", "prompts", "suite", "endpoint", "a", "mode", "concurrent", "level", "1"), ttft.params());
        assertEquals(150, ttft.primary().score(), 1e-9, "mean TTFT of the 2 successful requests");
        assertEquals(1, ttft.primary().forkMedians().length, "2 successes: one group, not assessable");
        JmhResult output = results.get(5);
        assertEquals("thrpt", output.mode());
        assertEquals(Direction.HIGHER_IS_BETTER, Units.direction(output.primary().unit()));
        assertEquals(6 / 2.1, output.primary().score(), 1e-9, "Σ output tokens / window");
        assertEquals(1 / 2.1, results.get(6).primary().score(), 1e-9, "goodput: R1 alone meets ttft ≤ 150 ms");
    }

    @Test
    void eachGroupOfARateStandsForTheWholeRun(@TempDir Path dir) throws Exception {
        List<RequestRecord> ten = IntStream.range(0, 10).mapToObj(i -> SummariesTest.ok("short", 0, i * 100, 10, new double[0], 50, 1, i + 1)).toList();
        ActiveWindow w = new ActiveWindow();
        w.add(0, 2000);
        Path file = dir.resolve("jmh.json");
        Files.writeString(file, JmhRecords.json(ten, Map.of(Summaries.key("a", "1"), w), Map.of(), EndpointSlo.NONE));
        List<JmhResult> results = JmhJsonReader.read(file, new ArrayList<>());
        JmhResult requests = results.stream().filter(r -> r.method().equals("requestThroughput")).findFirst().orElseThrow();
        assertArrayEquals(new double[]{5, 5, 5, 5, 5}, requests.primary().forkMedians(), 1e-9, "10 requests / 2 s in every group");
        JmhResult tokens = results.stream().filter(r -> r.method().equals("outputTokens")).findFirst().orElseThrow();
        assertEquals(55 / 2.0, tokens.primary().score(), 1e-9);
        // group j holds requests j and j + 5, with j + 1 and j + 6 tokens: 10 × their mean / 2 s
        assertArrayEquals(new double[]{17.5, 22.5, 27.5, 32.5, 37.5}, tokens.primary().forkMedians(), 1e-9);
    }
}
