package org.llmbench.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.report.JmhJsonReader;
import org.llmbench.report.JmhResult;
import org.llmbench.report.Units;
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
        assertEquals(List.of("ttft", "tpot", "itl", "e2e", "requestThroughput", "outputTokens", "totalTokens", "goodput"),
                results.stream().map(JmhResult::method).toList());
        JmhResult ttft = results.get(0);
        assertEquals("ss", ttft.mode());
        assertEquals(Units.Direction.LOWER_IS_BETTER, Units.direction(ttft.primary().unit()));
        assertEquals(Map.of("model", "m", "prompts", "suite", "endpoint", "a", "mode", "concurrent", "level", "1"), ttft.params());
        assertEquals(150, ttft.primary().score(), 1e-9, "mean TTFT of the 2 successful requests");
        assertEquals(1, ttft.primary().forkMedians().length, "2 successes: one group, not assessable");
        JmhResult output = results.get(5);
        assertEquals("thrpt", output.mode());
        assertEquals(Units.Direction.HIGHER_IS_BETTER, Units.direction(output.primary().unit()));
        assertEquals(6 / 2.1, output.primary().score(), 1e-9);
        assertEquals(5, output.primary().forkMedians().length, "five slices of the window");
        double tokens = Arrays.stream(output.primary().samples()).sum() * 2.1 / 5;
        assertEquals(6, tokens, 1e-6, "the slices hold every output token");
        JmhResult total = results.get(6);
        assertEquals(36 / 2.1, total.primary().score(), 1e-9);
        assertEquals(36, Arrays.stream(total.primary().samples()).sum() * 2.1 / 5, 1e-6);
    }
}
