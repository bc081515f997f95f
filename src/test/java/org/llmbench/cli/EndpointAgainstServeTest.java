package org.llmbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.results.RequestCsv;
import org.llmbench.results.RequestRecord;
import org.llmbench.serve.LlmServer;
import org.llmbench.serve.ServeConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The endpoint benchmark against our own serve: a short concurrent run writes every result file, and its usage-based token counts are serve's own. */
class EndpointAgainstServeTest {
    @TempDir
    Path results;

    static double metric(String url, String name) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : body.split("\n")) if (line.startsWith(name + " ")) return Double.parseDouble(line.substring(name.length() + 1).trim());
        throw new AssertionError(name + " not in /metrics");
    }

    @Test
    void aConcurrentRunAgainstServeCountsTheTokensServeCounts() throws Exception {
        try (LlmServer server = LlmServer.start(new ServeConfig("llama-tiny", "fp32", "127.0.0.1", 0, 4, 0, 16, 64, true, 16L << 20, null, 2))) {
            String url = server.url();
            double prompt0 = metric(url, "llmbench_prompt_tokens_total"), generated0 = metric(url, "llmbench_generation_tokens_total");
            Object[] r = EndpointCommandTest.endpoint(Map.<String, String>of()::get, "--endpoint", "serve=" + url, "--api", "completions",
                    "--concurrency", "2", "--requests", "8", "--synthetic", "24:6", "--ignore-eos", "--warmup", "1", "--results", results.toString(), "--no-charts");
            assertEquals(0, r[0], r[1] + "\n" + r[2]);
            Path s;
            try (Stream<Path> dirs = Files.list(results)) {
                s = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            for (String f : List.of("requests.csv", "summary.csv", "endpoint.json", "jmh.json", "env.json", "report/report.md")) assertTrue(Files.size(s.resolve(f)) > 0, f);
            List<RequestRecord> rows = RequestCsv.read(Files.readString(s.resolve("requests.csv")), "requests.csv");
            assertEquals(9, rows.size(), "one warm-up and eight measured");
            for (RequestRecord row : rows) {
                assertTrue(row.ok(), row.error());
                assertEquals("usage", row.tokenSource());
                assertEquals(24, row.inputTokens(), "token ids sent as given, no BOS");
                assertEquals(6, row.outputTokens(), "ignore_eos: max_tokens exactly");
            }
            assertEquals(rows.stream().mapToInt(RequestRecord::inputTokens).sum(), metric(url, "llmbench_prompt_tokens_total") - prompt0, "prompt tokens: ours = serve's");
            assertEquals(rows.stream().mapToInt(RequestRecord::outputTokens).sum(), metric(url, "llmbench_generation_tokens_total") - generated0, "generated: ours = serve's");
            assertTrue(Files.readString(s.resolve("summary.csv")).lines().anyMatch(l -> l.startsWith("serve,concurrent,2,all,8,8,")), "8 of 8 at concurrency 2");
            assertTrue(Files.readString(s.resolve("endpoint.json")).contains("\"maxTokens\": 6"), "the results record what was sent: --synthetic's OUT");
        }
    }
}
