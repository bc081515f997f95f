package org.llmbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.endpoint.EndpointTestServers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The endpoint subcommand end to end, against test servers on 127.0.0.1. */
class EndpointCommandTest {
    static final String KEY = "sk-proj-Zq8Wm3Rt6Yp1Lk4Hn7Bv2Xc5";

    @TempDir
    Path results;

    /** Runs the subcommand with an environment of our own; returns {exit code, stdout, stderr}. */
    static Object[] endpoint(Function<String, String> env, String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.runCommand(new EndpointCommand(env, false), args);
            return new Object[]{code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private void rejected(String expected, String... args) {
        Object[] r = endpoint(Map.<String, String>of()::get, args);
        assertEquals(2, r[0], String.join(" ", args) + ": " + r[2]);
        String err = ((String) r[2]).strip();
        assertTrue(err.contains(expected), err);
        assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
    }

    private Path session() throws IOException {
        try (Stream<Path> s = Files.list(results)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size(), dirs.toString());
            return dirs.get(0);
        }
    }

    @Test
    void badInputIsOneSentenceAndExitTwo() throws Exception {
        String url = "--endpoint=a=http://127.0.0.1:9";
        rejected("No endpoint given; name one with --endpoint NAME=URL or a YAML file with --config FILE.");
        rejected("--mode 'burst' is invalid; valid modes are sequential, concurrent and rate.", url, "--mode", "burst");
        rejected("--rate value '0' is invalid; give rates in requests per second above 0", url, "--rate", "0");
        rejected("--concurrency value 'x' is invalid; give whole numbers from 1 to 10000", url, "--concurrency", "1,x");
        rejected("--mode rate needs --rate R", url, "--mode", "rate");
        rejected("--rate applies to --mode rate only, not to --mode sequential.", url, "--mode", "sequential", "--rate", "2");
        rejected("--slo 'ttft=fast' is invalid", url, "--slo", "ttft=fast");
        rejected("--max-tokens 0 is invalid; give a whole number from 1 to 1000000.", url, "--max-tokens", "0");
        rejected("Invalid value for option '--max-tokens': 'many' is not an int", url, "--max-tokens", "many");
        rejected("--schedule 'random' is invalid", url, "--schedule", "random");
        rejected("--api 'grpc' is invalid", url, "--api", "grpc");
        rejected("--timeout '-1s' is invalid", url, "--timeout", "-1s");
        rejected("--prompts and --synthetic exclude each other", url, "--prompts", "x.jsonl", "--synthetic", "8:8");
        Path yaml = results.resolve("bad.yaml");
        Files.writeString(yaml, "endpoints:\n  - {name: a, url: 'http://127.0.0.1:9', colour: red}\n");
        rejected("unknown field 'colour'; valid fields are name, url, api, model, api_key_env, headers, token_ids", "--config", yaml.toString());
        Files.writeString(yaml, "endpoints:\n  - {name: a, url: 'http://127.0.0.1:9', api_key_env: NOT_SET_ANYWHERE}\n");
        rejected("takes its API key from $NOT_SET_ANYWHERE, which is not set", "--config", yaml.toString(), "--results", results.toString());
        try (Stream<Path> s = Files.list(results)) {
            assertTrue(s.noneMatch(Files::isDirectory), "bad input leaves no session folder");
        }
    }

    @Test
    void twoEndpointsAtTwoConcurrenciesWriteEveryFileAndCheckGatesThem() throws Exception {
        try (EndpointTestServers servers = EndpointTestServers.start(new long[]{40, 10, 8}, new long[]{60, 15, 8})) {
            Object[] r = endpoint(Map.<String, String>of()::get, "--endpoint", "fast=" + servers.url(0), "--endpoint", "slow=" + servers.url(1),
                    "--concurrency", "1,4", "--iterations", "2", "--warmup", "5", "--max-tokens", "32", "--slo", "ttft=1s",
                    "--results", results.toString());
            assertEquals(0, r[0], r[1] + "\n" + r[2]);
            String out = (String) r[1];
            assertTrue(out.contains("2 endpoint(s) × 2 level(s) × 36 requests (suite, concurrent, interleaved)"), out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("fast") && l.contains("concurrency 4") && l.contains("36/36")), out);
            Path s = session();
            for (String f : List.of("requests.csv", "summary.csv", "endpoint.json", "jmh.json", "env.json", "report/report.md", "report/report.html",
                    "report/endpoint-latency.png", "report/endpoint-ttft.png", "report/endpoint-tpot.png", "report/endpoint-throughput.png",
                    "report/endpoint-latency-by-length.png", "report/endpoint-complexity.png", "report/endpoint-tokens.png",
                    "report/endpoint-success.png", "report/endpoint-itl-timeline.png")) {
                assertTrue(Files.size(s.resolve(f)) > 0, f);
            }
            assertEquals(1 + 2 * 2 * 36 + 2 * 5, Files.readAllLines(s.resolve("requests.csv")).size(), "header, 144 measured, 10 warm-up");
            String md = Files.readString(s.resolve("report/report.md"));
            assertTrue(md.contains("# llmbench endpoint report") && md.contains("| fast | concurrency 4 | 36/36 |"), md);

            // this shared 2-core machine puts ±10% of scheduling noise on a 40 ms TTFT, so the gate's threshold sits above it
            Object[] self = CliTest.run("check", "--baseline", s.toString(), "--candidate", s.toString(), "--max-regression", "15%");
            assertEquals(0, self[0], (String) self[1]);
            assertTrue(((String) self[1]).contains("Endpoint.outputTokens [thrpt]"), (String) self[1]);
            Path slower = results.resolve("slower.json");
            Files.writeString(slower, scaleLatencies(Files.readString(s.resolve("jmh.json")), 1.2));
            Object[] worse = CliTest.run("check", "--baseline", s.toString(), "--candidate", slower.toString(), "--max-regression", "15%");
            assertEquals(1, worse[0], (String) worse[1]);
            assertTrue(((String) worse[1]).lines().anyMatch(l -> l.contains("SLOWER") && l.contains("Endpoint.itl")), (String) worse[1]);
        }
    }

    /** A copy of jmh.json with every latency (unit ms/op) times {@code factor}. */
    static String scaleLatencies(String json, double factor) {
        JsonArray records = JsonParser.parseString(json).getAsJsonArray();
        for (JsonElement e : records) {
            JsonObject primary = e.getAsJsonObject().getAsJsonObject("primaryMetric");
            if (!primary.get("scoreUnit").getAsString().equals("ms/op")) continue;
            primary.addProperty("score", primary.get("score").getAsDouble() * factor);
            JsonArray forks = new JsonArray();
            for (JsonElement fork : primary.getAsJsonArray("rawData")) {
                JsonArray scaled = new JsonArray();
                fork.getAsJsonArray().forEach(v -> scaled.add(v.getAsDouble() * factor));
                forks.add(scaled);
            }
            primary.add("rawData", forks);
        }
        return records.toString();
    }

    @Test
    void theKeyNeverReachesAFileOrALineAndAnEndpointThatAlwaysFailsExitsOne() throws Exception {
        try (EndpointTestServers servers = EndpointTestServers.start(new long[]{0, 0, 4})) {
            Path yaml = results.resolve("endpoints.yaml");
            Files.writeString(yaml, "endpoints:\n"
                    + "  - {name: good, url: '" + servers.url(0) + "', model: m, api_key_env: BENCH_KEY}\n"
                    + "  - {name: denied, url: '" + servers.faultUrl(0, "unauthorized") + "', model: m, api_key_env: BENCH_KEY}\n");
            Object[] r = endpoint(Map.of("BENCH_KEY", KEY)::get, "--config", yaml.toString(), "--requests", "3", "--no-charts",
                    "--results", results.toString());
            assertEquals(1, r[0], r[1] + "\n" + r[2]);
            assertTrue(((String) r[2]).contains("denied failed every one of its 3 measured requests (mostly http_status: HTTP 401: Incorrect API key provided: Bearer ***)"),
                    (String) r[2]);
            assertFalse(((String) r[1] + r[2]).contains(KEY));
            assertEquals("Bearer " + KEY, servers.authorization(0), "the key did go to the server");
            Path s = session();
            try (Stream<Path> files = Files.walk(s)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(KEY), "the key is in " + f);
                }
            }
            try (Stream<Path> files = Files.list(s.resolve("report"))) {
                assertTrue(files.noneMatch(f -> f.toString().endsWith(".png")), "--no-charts");
            }
            assertTrue(Files.readString(s.resolve("endpoint.json")).contains("\"apiKeyEnv\": \"BENCH_KEY\""), "the variable's name is kept");
        }
    }

    @Test
    void listShowsEndpointsAndTheirModels() throws Exception {
        try (EndpointTestServers servers = EndpointTestServers.start(new long[]{0, 0, 4})) {
            Object[] r = endpoint(Map.<String, String>of()::get, "--endpoint", "up=" + servers.url(0), "--endpoint", "down=http://127.0.0.1:9", "--list");
            assertEquals(0, r[0], (String) r[2]);
            String out = (String) r[1];
            assertTrue(out.contains("models: test-model (max_model_len 4096)"), out);
            assertTrue(out.contains("down  http://127.0.0.1:9") && out.contains("unreachable: ConnectException"), out);
        }
    }
}
