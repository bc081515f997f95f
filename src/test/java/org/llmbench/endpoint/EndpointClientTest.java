package org.llmbench.endpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmbench.results.RequestErrorClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The client against a real HTTP server on 127.0.0.1: chunk timing we set, and each fault. */
class EndpointClientTest {
    static final String KEY = "sk-test-4f9d2a7c1e8b6053af27d91c";
    static final Prompt PROMPT = new Prompt("p1", "short", "simple", "factual_qa", "How far is the moon?", null, 0);
    static SseTestServer paced;

    @BeforeAll
    static void start() throws Exception {
        paced = new SseTestServer(new SseTestServer.Script(60, 25, 8, 2, true));
    }

    @AfterAll
    static void stop() {
        paced.close();
    }

    static GenerationOptions options(boolean stream, Duration timeout) {
        return new GenerationOptions(stream, 64, 0.0, 7, false, timeout, 16L << 20);
    }

    static Exchange.Outcome send(String url, Api api, GenerationOptions options) throws Exception {
        return send(url, api, options, false);
    }

    /** One request; after a warm-up request when asked (the first one pays for class loading, JIT and the connection). */
    static Exchange.Outcome send(String url, Api api, GenerationOptions options, boolean warm) throws Exception {
        Target t = new Target("t", url, api, "test-model", "TEST_KEY", Map.of(), api == Api.COMPLETIONS);
        try (EndpointClient c = new EndpointClient(t, options, Map.of("TEST_KEY", KEY)::get)) {
            if (warm) c.send(PROMPT).get(60, TimeUnit.SECONDS);
            return c.send(PROMPT).get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * TTFT, every gap and TPOT against a server that waits 60 ms, then 25 ms between chunks. Medians
     * over 7 requests (after a warm-up), because a shared 2-core machine sometimes stalls a thread
     * for tens of ms; no request can be faster than the server's own waits.
     */
    @Test
    void timesTtftAndEveryChunkGapAsTheServerPacedThem() throws Exception {
        for (Api api : Api.values()) {
            Target t = new Target("t", paced.url(), api, "test-model", "TEST_KEY", Map.of(), api == Api.COMPLETIONS);
            List<Double> ttfts = new ArrayList<>(), gaps = new ArrayList<>(), tpots = new ArrayList<>();
            try (EndpointClient c = new EndpointClient(t, options(true, Duration.ofSeconds(10)), Map.of("TEST_KEY", KEY)::get)) {
                c.send(PROMPT).get(60, TimeUnit.SECONDS);
                for (int i = 0; i < 7; i++) {
                    Exchange.Outcome o = c.send(PROMPT).get(60, TimeUnit.SECONDS);
                    assertTrue(o.ok(), o.message());
                    long[] chunks = o.answer().chunkNanos();
                    assertEquals(8, chunks.length, "content chunks; the role-only chunk does not count");
                    double ttft = (chunks[0] - o.sentNanos()) / 1e6;
                    assertTrue(ttft >= 59.5, "TTFT " + ttft + " ms is shorter than the server's 60 ms wait");
                    ttfts.add(ttft);
                    for (int k = 1; k < chunks.length; k++) gaps.add((chunks[k] - chunks[k - 1]) / 1e6);
                    assertEquals(16, o.answer().outputTokens(), "usage: 8 chunks of 2 tokens");
                    assertTrue(o.answer().usageReported());
                    assertEquals(5, o.answer().promptTokens, "prompt tokens from usage");
                    assertEquals("stop", o.answer().finishReason);
                    tpots.add(((o.endNanos() - o.sentNanos()) / 1e6 - ttft) / (16 - 1));
                }
            }
            assertEquals(60, median(ttfts), 8, api + " median TTFT of " + ttfts);
            assertEquals(25, median(gaps), 3, api + " median gap of " + gaps);
            assertEquals(7 * 25 / 15.0, median(tpots), 1.5, api + " TPOT = (E2E − TTFT) / (output tokens − 1): " + tpots);
        }
        assertEquals("Bearer " + KEY, paced.authorizations.get(0), "the key goes in the Authorization header");
        var body = paced.bodies.get(0);
        assertEquals("test-model", body.get("model").getAsString());
        assertTrue(body.getAsJsonObject("stream_options").get("include_usage").getAsBoolean());
        assertEquals(7, body.get("seed").getAsInt());
    }

    private static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    @Test
    void aWholeAnswerHasNoChunkTimesButItsUsage() throws Exception {
        Exchange.Outcome o = send(paced.url(), Api.CHAT, options(false, Duration.ofSeconds(10)));
        assertTrue(o.ok(), o.message());
        assertEquals(0, o.answer().chunkNanos().length);
        assertEquals(16, o.answer().outputTokens());
        assertTrue((o.endNanos() - o.sentNanos()) / 1e6 >= 60 + 7 * 25 - 1);
    }

    @Test
    void eachFaultIsAFailedRequestWithItsClass() throws Exception {
        GenerationOptions o = options(true, Duration.ofMillis(1500));
        try (SseTestServer s = new SseTestServer(SseTestServer.Script.INSTANT)) {
            assertFault(RequestErrorClass.CONNECT, "Connect", send(SseTestServer.unreachableUrl(), Api.CHAT, o));
            assertFault(RequestErrorClass.HTTP_STATUS, "HTTP 401: Incorrect API key provided: Bearer ***", send(s.url(SseTestServer.Fault.UNAUTHORIZED), Api.CHAT, o));
            assertFault(RequestErrorClass.HTTP_STATUS, "HTTP 404: The model does not exist", send(s.url(SseTestServer.Fault.NOT_FOUND), Api.CHAT, o));
            assertFault(RequestErrorClass.HTTP_STATUS, "HTTP 500: Internal Server Error", send(s.url(SseTestServer.Fault.SERVER_ERROR), Api.COMPLETIONS, o));
            assertFault(RequestErrorClass.MALFORMED_STREAM, "not JSON", send(s.url(SseTestServer.Fault.MALFORMED), Api.CHAT, o));
            assertFault(RequestErrorClass.CUT_OFF, "without [DONE]", send(s.url(SseTestServer.Fault.CLOSE_MID_STREAM), Api.CHAT, o));
            assertFault(RequestErrorClass.CUT_OFF, "broke mid-answer", send(s.url(SseTestServer.Fault.CUT_CONNECTION), Api.CHAT, o));
            long t0 = System.nanoTime();
            assertFault(RequestErrorClass.TIMEOUT, "within 1500 ms", send(s.url(SseTestServer.Fault.NEVER_ANSWER), Api.CHAT, o));
            double waited = (System.nanoTime() - t0) / 1e9;
            assertTrue(waited >= 1.4 && waited < 5, "timed out after " + waited + " s");
            Exchange.Outcome garbage = send(s.url(SseTestServer.Fault.GARBAGE), Api.CHAT, options(true, Duration.ofSeconds(30)));
            assertTrue(garbage.error() == RequestErrorClass.OVERSIZE || garbage.error() == RequestErrorClass.MALFORMED_STREAM, garbage.error() + " " + garbage.message());
        }
    }

    @Test
    void twentyMegabytesOfGarbageStopAtTheBound() throws Exception {
        try (SseTestServer s = new SseTestServer(SseTestServer.Script.INSTANT)) {
            GenerationOptions small = new GenerationOptions(true, 64, Double.NaN, null, false, Duration.ofSeconds(30), 4L << 20);
            Exchange.Outcome o = send(s.url(SseTestServer.Fault.GARBAGE), Api.CHAT, small);
            assertFalse(o.ok());
            assertTrue(o.message().contains("4194304 bytes") || o.message().contains("SSE line longer"), o.message());
        }
    }

    private static void assertFault(RequestErrorClass expected, String text, Exchange.Outcome o) {
        assertEquals(expected, o.error(), o.message());
        assertTrue(o.message().contains(text), o.message());
        assertFalse(o.message().contains(KEY), "the key never appears: " + o.message());
    }
}
