package org.llmbench.endpoint;

import org.junit.jupiter.api.Test;
import org.llmbench.results.RequestRecord;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ProgressTest {
    private static RequestRecord record(String endpoint, double ttft, String error) {
        return new RequestRecord(endpoint, "concurrent", "4", false, 0, "p", "short", "simple", "c", 0, 0, ttft, 100, new double[0],
                new int[0], 1, 5, 10, "usage", -1, "stop", 200, error, error.isEmpty() ? "" : "x");
    }

    @Test
    void oneLinePerEndpointPlainOffATerminalAndRedrawnOnOne() {
        for (boolean terminal : new boolean[]{false, true}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of("vllm", "nim"), terminal)) {
                p.level("concurrency 4");
                p.record(record("vllm", 40, ""));
                p.record(record("vllm", 60, ""));
                p.record(record("vllm", Double.NaN, "timeout"));
                p.record(record("nim", 30, ""));
                p.endLevel();
            }
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("vllm  concurrency 4    done     3  failed    1  ok  66.7%  TTFT p50     50.0 ms"), out);
            assertTrue(out.contains("nim   concurrency 4    done     1  failed    0  ok 100.0%  TTFT p50     30.0 ms"), out);
            assertFalse(out.contains("\u001B"), "nothing drawn yet, so nothing to erase: " + out);
        }
    }
}
