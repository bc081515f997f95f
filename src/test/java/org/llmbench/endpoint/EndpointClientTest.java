package org.llmbench.endpoint;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmbench.results.RequestErrorClass;

import java.time.Duration;
import java.util.Arrays;
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

    @Test
    void timesTtftAndEveryChunkGapAsTheServerPacedThem() throws Exception {
        for (Api api : Api.values()) {
            Exchange.Outcome o = send(paced.url(), api, options(true, Duration.ofSeconds(10)), true);
            assertTrue(o.ok(), o.message());
            long[] chunks = o.answer().chunkNanos();
            assertEquals(8, chunks.length, "content chunks; the role-only chunk does not count");
            double ttft = (chunks[0] - o.sentNanos()) / 1e6;
            assertTrue(ttft >= 59 && ttft < 60 + 15, "TTFT " + ttft + " ms for a server that waits 60 ms");
            double[] gaps = new double[7];
            for (int i = 1; i < chunks.length; i++) gaps[i - 1] = (chunks[i] - chunks[i - 1]) / 1e6;
            Arrays.sort(gaps);
            assertEquals(25, gaps[3], 5, "median gap of " + Arrays.toString(gaps));
            assertEquals(16, o.answer().outputTokens(), "usage: 8 chunks of 2 tokens");
            assertTrue(o.answer().usageReported());
            assertEquals(5, o.answer().promptTokens, "prompt tokens from usage");
            double e2e = (o.endNanos() - o.sentNanos()) / 1e6;
            double tpot = (e2e - ttft) / (16 - 1);
            assertEquals(7 * 25 / 15.0, tpot, 1.5, "TPOT = (E2E − TTFT) / (output tokens − 1)");
            assertEquals("stop", o.answer().finishReason);
        }
        assertEquals("Bearer " + KEY, paced.authorizations.get(0), "the key goes in the Authorization header");
        var body = paced.bodies.get(0);
        assertEquals("test-model", body.get("model").getAsString());
        assertTrue(body.getAsJsonObject("stream_options").get("include_usage").getAsBoolean());
        assertEquals(7, body.get("seed").getAsInt());
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
