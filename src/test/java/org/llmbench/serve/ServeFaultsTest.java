package org.llmbench.serve;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

/** Bad input and faults over real HTTP: each gets its status and one clear sentence, and the server stays up with no slot leaked. */
class ServeFaultsTest {
    static LlmServer server;
    static Http http;

    @BeforeAll
    static void start() {
        // one slot and no queue: a leaked slot would turn the next request into a 503
        server = LlmServer.start(new ServeConfig("llama-tiny", "fp32", "127.0.0.1", 0, 1, 0, 0, 64, true, 16L << 20, null, 2));
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject error(int status, String body) {
        Http.Reply r = http.post("/v1/completions", body);
        assertEquals(status, r.status(), r.body());
        return r.error();
    }

    private static void assertBad(String body, String param, String... words) {
        JsonObject e = error(400, body);
        assertEquals("invalid_request_error", e.get("type").getAsString());
        if (param != null) assertEquals(param, e.get("param").getAsString(), e.toString());
        for (String w : words) assertTrue(e.get("message").getAsString().contains(w), e + " should say " + w);
    }

    @Test
    void malformedJsonAndWrongTypesAre400sNamingTheField() {
        assertBad("{\"prompt\": [1, 2", null, "not valid JSON");
        assertBad("[1, 2]", null, "JSON object");
        assertBad("{\"prompt\":\"hi\",\"max_tokens\":\"10\"}", "max_tokens", "integer", "\"10\"");
        assertBad("{\"prompt\":\"hi\",\"max_tokens\":2.5}", "max_tokens", "integer");
        assertBad("{\"prompt\":\"hi\",\"temperature\":\"hot\"}", "temperature", "number");
        assertBad("{\"prompt\":\"hi\",\"temperature\":7}", "temperature", "between 0 and 2");
        assertBad("{\"prompt\":\"hi\",\"top_p\":0}", "top_p", "above 0");
        assertBad("{\"prompt\":\"hi\",\"stream\":\"yes\"}", "stream", "true or false");
        assertBad("{\"prompt\":\"hi\",\"stop\":[1]}", "stop", "strings");
        assertBad("{\"prompt\":\"hi\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", "stop", "up to 4");
        assertBad("{\"prompt\":12}", "prompt", "string or an array of token ids");
        assertBad("{\"prompt\":[[1,2],[3]]}", "prompt", "one prompt per request");
        assertBad("{}", "prompt", "missing");
        assertBad("{\"prompt\":[]}", "prompt", "empty");
        assertBad("{\"prompt\":\"hi\",\"n\":3}", "n", "one choice");
        JsonObject chat = http.post("/v1/chat/completions", "{\"messages\":[{\"content\":\"hi\"}]}").error();
        assertTrue(chat.get("message").getAsString().contains("no role"), chat.toString());
        assertEquals(400, http.post("/v1/chat/completions", "{\"messages\":\"hi\"}").status());
    }

    @Test
    void maxTokensMustBePositiveAndFitTheContextWithThePrompt() {
        assertBad("{\"prompt\":[1,2,3],\"max_tokens\":-5}", "max_tokens", "at least 1", "-5");
        assertBad("{\"prompt\":[1,2,3],\"max_tokens\":0}", "max_tokens", "at least 1");
        assertBad("{\"prompt\":[1,2,3],\"max_tokens\":254}", "max_tokens", "3 tokens", "254", "257", "context of 256");
        assertBad("{\"prompt\":[1,2,3],\"max_tokens\":1000000000000000000000}", "max_tokens", "3 tokens", "context of 256");
        assertEquals(200, http.post("/v1/completions", "{\"prompt\":[1,2,3],\"max_tokens\":253,\"temperature\":0,\"stop\":\" t\"}").status(), "exactly the context fits");
        assertBad("{\"prompt\":\"" + "x".repeat(300) + "\"}", "prompt", "301 tokens", "context of 256");
    }

    @Test
    void tokenIdsOutsideTheVocabularyAreRefused() {
        assertBad("{\"prompt\":[1,32000]}", "prompt", "32000", "0 to 31999");
        assertBad("{\"prompt\":[-1]}", "prompt", "-1");
        assertBad("{\"prompt\":[1.5]}", "prompt", "integer");
    }

    @Test
    void anUnknownModelIs404AndAnUnknownPathToo() {
        JsonObject e = error(404, "{\"model\":\"gpt-4\",\"prompt\":\"hi\"}");
        assertEquals("model_not_found", e.get("code").getAsString());
        assertTrue(e.get("message").getAsString().contains("\"gpt-4\"") && e.get("message").getAsString().contains("llama-tiny"));
        assertEquals(404, http.get("/v2/nothing").status());
        assertEquals(405, http.get("/v1/completions").status());
    }

    @Test
    void a50MegabyteBodyIsRefusedBeforeItIsRead() throws Exception {
        URI u = URI.create(server.url());
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + (50L << 20) + "\r\n\r\n{\"prompt\":\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush(); // only a few bytes of the 50 MB are ever sent
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(status.startsWith("HTTP/1.1 413"), status);
        }
        // without a Content-Length (chunked), the read stops at the limit
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.url() + "/v1/completions"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
                    long left = 50L << 20;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'x' : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) return -1;
                        int n = (int) Math.min(len, left);
                        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                        left -= n;
                        return n;
                    }
                })).build();
        try {
            assertEquals(413, Http.CLIENT.send(r, HttpResponse.BodyHandlers.ofString()).statusCode());
        } catch (java.io.IOException e) {
            // the server answered 413 and closed while the client was still sending: also a refusal
        }
        assertEquals(200, http.get("/health").status());
    }

    @Test
    void aClientThatLeavesMidStreamFreesItsSlotForTheNext() throws Exception {
        double before = http.metric("llmbench_generation_tokens_total");
        URI u = URI.create(server.url());
        String body = "{\"prompt\":[5,6],\"max_tokens\":250,\"ignore_eos\":true,\"stream\":true}";
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.getOutputStream().write(("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            int events = 0;
            for (String line; events < 2 && (line = in.readLine()) != null; ) if (line.contains("data: ")) events++;
            assertEquals(2, events);
        } // closed after two tokens of 250
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (http.metric("llmbench_requests_running") > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(0.0, http.metric("llmbench_requests_running"));
        assertTrue(http.metric("llmbench_generation_tokens_total") - before < 250, "the generation stopped when the client left");
        assertEquals(1.0, http.metric("llmbench_requests_total{status=\"499\"}"));
        assertEquals(200, http.post("/v1/completions", "{\"prompt\":[5,6],\"max_tokens\":2}").status(), "the one slot is free again");
    }

    @Test
    void aThousandConcurrentConnectionsGetAnswersOr503AndHealthStaysUp() {
        String body = "{\"prompt\":[5,6,7],\"max_tokens\":24,\"ignore_eos\":true}";
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(server.url() + "/v1/completions")).timeout(Duration.ofSeconds(120))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            all.add(Http.CLIENT.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
        }
        assertEquals(200, http.get("/health").status(), "health answers during the burst");
        Map<Integer, Integer> statuses = new TreeMap<>();
        int failed = 0;
        for (CompletableFuture<HttpResponse<String>> f : all) {
            try {
                HttpResponse<String> r = f.join();
                statuses.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 503) assertTrue(r.body().contains("busy"), r.body());
            } catch (RuntimeException e) {
                failed++;
            }
        }
        assertEquals(0, failed, "every connection got an answer: " + statuses);
        assertEquals(java.util.Set.of(200, 503), statuses.keySet(), statuses.toString());
        assertTrue(statuses.get(503) > 500, "one slot and no queue: most are refused at once " + statuses);
        assertEquals(200, http.get("/health").status());
        assertEquals(200, http.post("/v1/completions", body).status(), "and the server still serves");
    }
}
