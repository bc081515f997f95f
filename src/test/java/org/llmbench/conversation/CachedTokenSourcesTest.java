package org.llmbench.conversation;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.endpoint.GenerationOptions;
import org.llmbench.results.ConversationRunInfo;
import org.llmbench.results.TurnCsv;
import org.llmbench.results.TurnRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Servers that are not serve: one shaped like llama-server (context and version from GET /props,
 * cached tokens from its timings), one that says nothing about its cache (cached tokens "unknown",
 * never 0), one that is unreachable. Test servers on 127.0.0.1 that state exactly what they report.
 */
class CachedTokenSourcesTest {
    @TempDir
    Path session;

    /** llama-server-like: no max_model_len, /props with n_ctx and build_info; each answer's timings say 10 prompt tokens were evaluated. */
    static HttpServer server(boolean llamaCpp) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        s.createContext("/v1/models", x -> send(x, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"model.gguf\",\"object\":\"model\"}]}"));
        s.createContext("/props", x -> send(x, llamaCpp ? 200 : 404, llamaCpp ? "{\"default_generation_settings\":{\"n_ctx\":4096},\"total_slots\":1,\"build_info\":\"b4748-0123abc\"}" : "{}"));
        s.createContext("/v1/chat/completions", x -> {
            int prompt = 0;
            for (JsonElement m : JsonParser.parseString(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonArray("messages")) {
                prompt += m.getAsJsonObject().get("content").getAsString().length();
            }
            x.getResponseHeaders().set("Content-Type", "text/event-stream");
            String end = llamaCpp ? ",\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":1},\"timings\":{\"prompt_n\":10,\"predicted_n\":1}" : "";
            send(x, 200, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]" + end + "}\n\ndata: [DONE]\n\n");
        });
        s.start();
        return s;
    }

    static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    ConversationBenchmark.Outcome run(String url, Integer contextSize) {
        List<Conversation> c = ConversationFiles.parse("{\"id\": \"two\", \"turns\": [{\"user\": \"First message here.\"}, {\"user\": \"Second.\"}]}", "test");
        GenerationOptions g = new GenerationOptions(true, 8, Double.NaN, null, false, Duration.ofSeconds(30), 1 << 20);
        ConversationBenchmark.Options o = new ConversationBenchmark.Options(url, null, null, null, null, null, contextSize, null, Set.of(), Set.of(), null,
                List.of("warm"), null, 8, g, "auto");
        return ConversationBenchmark.run(List.of(new ConversationBenchmark.Configuration("s", null)), c, o, session, Map.<String, String>of()::get,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void llamaServerTellsItsContextVersionAndCachedTokensThroughPropsAndTimings() throws Exception {
        HttpServer s = server(true);
        try {
            ConversationBenchmark.Outcome o = run("http://127.0.0.1:" + s.getAddress().getPort(), null);
            ConversationRunInfo.ConfigurationInfo c = o.configurations().get(0);
            assertEquals("ok", c.status(), c.failure());
            assertEquals(4096, c.contextSize());
            assertEquals("GET /props n_ctx (llama-server: per slot)", c.contextSource());
            assertEquals("b4748-0123abc", c.serverVersion());
            assertEquals("model.gguf", c.model());
            for (TurnRecord t : o.turns()) {
                assertEquals("timings", t.cachedSource());
                assertEquals(t.contextTokens() - 10, t.cachedTokens(), "prompt tokens − timings.prompt_n");
            }
        } finally {
            s.stop(0);
        }
    }

    @Test
    void aServerThatSaysNothingAboutItsCacheGivesUnknownNeverZero() throws Exception {
        HttpServer s = server(false);
        try {
            ConversationBenchmark.Outcome noContext = run("http://127.0.0.1:" + s.getAddress().getPort(), null);
            assertEquals("the server reports no context size (GET /v1/models max_model_len, GET /props n_ctx); give --context-size N",
                    noContext.configurations().get(0).failure());
            ConversationBenchmark.Outcome o = run("http://127.0.0.1:" + s.getAddress().getPort(), 2048);
            assertEquals("--context-size", o.configurations().get(0).contextSource());
            assertTrue(o.configurations().get(0).tokenModel().startsWith("assumed (the server reports no usage.prompt_tokens)"), o.configurations().get(0).tokenModel());
            assertEquals(2, o.turns().size());
            for (TurnRecord t : o.turns()) {
                assertEquals(TurnRecord.UNKNOWN, t.cachedSource());
                assertEquals(-1, t.cachedTokens());
                assertTrue(Double.isNaN(t.hitRate()));
            }
            String csv = TurnCsv.write(o.turns());
            assertTrue(csv.lines().skip(1).allMatch(l -> l.split(",")[10].equals("unknown") && l.split(",")[11].equals("unknown") && l.split(",")[12].equals("unknown")),
                    "cached_tokens, cached_source, hit_rate: " + csv);
            assertTrue(Double.isNaN(o.summaries().get(0).hitRate()));
        } finally {
            s.stop(0);
        }
    }

    @Test
    void anUnreachableServerFailsItsConfigurationSayingSo() {
        ConversationBenchmark.Outcome o = run("http://127.0.0.1:9", null);
        assertTrue(o.anyFailure());
        assertTrue(o.configurations().get(0).failure().startsWith("the server at http://127.0.0.1:9 did not answer: GET /v1/models failed"), o.configurations().get(0).failure());
        assertTrue(o.turns().isEmpty());
    }
}
