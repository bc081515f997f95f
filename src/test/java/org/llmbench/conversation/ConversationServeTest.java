package org.llmbench.conversation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.endpoint.GenerationOptions;
import org.llmbench.results.TurnRecord;
import org.llmbench.serve.LlmServer;
import org.llmbench.serve.ServeConfig;
import org.llmbench.tokenizer.ByteTokenizer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Conversations against serve (llama-tiny at a 1024-token context, byte-level tokens, ChatML) with
 * its prefix cache on and off: the history each turn sends, checked token for token; cached
 * tokens on warm and cold turns; the RAG removal turn reusing only the prefix before the documents;
 * the Prometheus source agreeing with usage.
 */
class ConversationServeTest {
    static final String DOCS = "Reference documents:\n\n[alpha]\nAlpha: trains leave at nine.\n\n[beta]\nBeta: buses leave at ten.\n\nQuestion:\n";
    static final String JSON = """
            {"id": "tiny-rag", "tags": ["rag"], "system": "Be brief.", "max_tokens": 4,
             "documents": {"alpha": "Alpha: trains leave at nine.", "beta": "Beta: buses leave at ten."},
             "turns": [
               {"user": "First question?"},
               {"user": "Second question?", "inject": ["alpha", "beta"]},
               {"user": "Third question?"},
               {"user": "Fourth question?", "remove": ["alpha", "beta"]},
               {"user": "Fifth question?"}]}
            """;
    static final ByteTokenizer TOKENS = new ByteTokenizer(32000);
    static LlmServer on, off;
    static List<TurnRecord> warmOn, coldOn, turnsOff;

    @TempDir
    static Path session;

    @BeforeAll
    static void runTheConversationOnBothServers() {
        on = LlmServer.start(new ServeConfig("llama-tiny", "fp32", "127.0.0.1", 0, 1, 1024, 8, 256, true, 16L << 20, null, 2));
        off = LlmServer.start(new ServeConfig("llama-tiny", "fp32", "127.0.0.1", 0, 1, 1024, 8, 256, false, 0, null, 2));
        List<TurnRecord> t = run(on.url(), "auto", List.of("warm", "cold")).turns();
        warmOn = t.stream().filter(r -> r.run().equals("warm")).toList();
        coldOn = t.stream().filter(r -> r.run().equals("cold")).toList();
        turnsOff = run(off.url(), "auto", List.of("warm", "cold")).turns();
    }

    @AfterAll
    static void stop() {
        on.close();
        off.close();
    }

    static ConversationBenchmark.Outcome run(String url, String cacheSource, List<String> runs) {
        List<Conversation> conversations = ConversationFiles.parse(JSON, "test");
        GenerationOptions g = new GenerationOptions(true, 4, 0.0, 1, true, Duration.ofSeconds(120), 1 << 20);
        ConversationBenchmark.Options o = new ConversationBenchmark.Options(url, null, null, null, null, null, null, null, Set.of(), Set.of(), null,
                runs, null, 256, g, cacheSource);
        ConversationBenchmark.Outcome out = ConversationBenchmark.run(List.of(new ConversationBenchmark.Configuration("serve", null)), conversations, o,
                session, Map.<String, String>of()::get, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertFalse(out.anyFailure(), out.configurations() + " " + out.summaries());
        assertEquals(1024, out.configurations().get(0).contextSize());
        assertEquals("GET /v1/models max_model_len", out.configurations().get(0).contextSource());
        assertTrue(out.configurations().get(0).tokenModel().startsWith("measured on the server: 1.00 bytes per token"), out.configurations().get(0).tokenModel());
        return out;
    }

    /** The messages of turn t as the schema defines them, written out by hand, with the answers the warm run got. */
    static List<String[]> expected(int t, List<TurnRecord> warm) {
        String[] users = {"First question?", "Second question?", "Third question?", "Fourth question?", "Fifth question?"};
        List<String[]> m = new ArrayList<>();
        m.add(new String[]{"system", "Be brief."});
        for (int j = 1; j <= t; j++) {
            boolean documents = j == 2 && t < 4; // injected before turn 2, removed before turn 4
            m.add(new String[]{"user", (documents ? DOCS : "") + users[j - 1]});
            if (j < t) m.add(new String[]{"assistant", warm.get(j - 1).answer()});
        }
        return m;
    }

    /** serve's rendering of messages without a chat template (ChatML), as byte-level tokens with BOS. */
    static int[] tokens(List<String[]> messages, String salt) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            s.append("<|im_start|>").append(messages.get(i)[0]).append('\n').append(i == 0 ? salt : "").append(messages.get(i)[1]).append("<|im_end|>\n");
        }
        return TOKENS.encodePrompt(s.append("<|im_start|>assistant\n").toString());
    }

    static int commonPrefix(int[] a, int[] b) {
        int n = 0;
        while (n < a.length && n < b.length && a[n] == b[n]) n++;
        return n;
    }

    @Test
    void everyTurnSendsExactlyTheHistoryTheSchemaDefines() {
        assertEquals(5, warmOn.size());
        for (TurnRecord w : warmOn) {
            assertTrue(w.ok(), w.toString());
            assertEquals(tokens(expected(w.turn(), warmOn), "").length, w.contextTokens(), "turn " + w.turn() + ": the prompt serve counted");
            assertEquals(2 * w.turn(), w.messages());
            assertEquals(4, w.request().outputTokens());
            assertFalse(w.answer().isEmpty());
        }
        for (TurnRecord c : coldOn) {
            assertEquals(warmOn.get(c.turn() - 1).contextTokens() + 27, c.contextTokens(),
                    "cold turn " + c.turn() + " = the warm request with a 27-byte salt (\"Session \" + 16 hex digits + \".\\n\\n\")");
        }
        assertEquals(0, warmOn.get(0).reusableTokens());
        assertEquals(warmOn.get(0).contextTokens() + 4, warmOn.get(1).reusableTokens(), "turn 2 repeats turn 1's request and answer");
        assertEquals(warmOn.get(0).contextTokens() + 4, warmOn.get(3).reusableTokens(), "after the removal only turn 1 is repeated");
        assertEquals(List.of("", "inject alpha, beta", "", "remove alpha, beta", ""), warmOn.stream().map(TurnRecord::event).toList());
    }

    @Test
    void warmTurnsAreServedFromTheCacheAndColdOnesOnlyFromTheTemplatesFirstBlock() {
        for (TurnRecord w : warmOn.subList(1, 5)) {
            assertEquals("usage", w.cachedSource());
            assertTrue(w.cachedTokens() > 0 && w.cachedTokens() % 16 == 0, "warm turn " + w.turn() + ": " + w.cachedTokens());
        }
        int[] turn2 = tokens(expected(2, warmOn), ""), turn3 = tokens(expected(3, warmOn), "");
        assertTrue(warmOn.get(2).cachedTokens() >= turn2.length / 16 * 16, "turn 3 reuses turn 2's whole prompt, documents included");
        for (TurnRecord c : coldOn) {
            // BOS + "<|im_start|>system\n" = 20 tokens come before the salt in every request: one whole 16-token block
            assertEquals(16, c.cachedTokens(), "cold turn " + c.turn());
        }
        assertEquals(20 + "Session ".length(), commonPrefix(tokens(expected(1, warmOn), "Session 0123456789abcdef.\n\n"),
                tokens(expected(1, warmOn), "Session fedcba9876543210.\n\n")), "two salted requests share the template's 20 tokens and \"Session \": one whole block");
        assertTrue(warmOn.get(2).cachedTokens() <= turn3.length - 1, "the last prompt token always runs");
    }

    @Test
    void theRemovalTurnReusesOnlyThePrefixBeforeTheRemovedDocuments() {
        int[] removal = tokens(expected(4, warmOn), ""), withDocs = tokens(expected(3, warmOn), "");
        int before = commonPrefix(removal, withDocs);
        int upToTurn2 = tokens(expected(1, warmOn), "").length - "<|im_start|>assistant\n".length(); // BOS, system and the first question
        assertTrue(before > upToTurn2, "the shared prefix runs through turn 1's answer to the start of turn 2's message: " + before);
        assertEquals(before / 16 * 16, warmOn.get(3).cachedTokens(), "the whole 16-token blocks before the first changed token, and nothing after");
        assertTrue(warmOn.get(3).cachedTokens() < warmOn.get(2).cachedTokens() / 2, "the miss this scenario is about");
        assertTrue(warmOn.get(4).cachedTokens() > warmOn.get(3).contextTokens() / 2, "the turn after the removal is warm again");
    }

    @Test
    void withTheCacheOffNothingIsCachedAndTheCountIsAZeroNotAnUnknown() {
        assertEquals(10, turnsOff.size());
        for (TurnRecord t : turnsOff) {
            assertTrue(t.ok());
            assertEquals(0, t.cachedTokens(), t.run() + " turn " + t.turn());
            assertEquals("usage", t.cachedSource());
        }
    }

    @Test
    void prometheusCounterDeltasAgreeWithUsage() {
        List<TurnRecord> viaMetrics = run(on.url(), "metrics", List.of("warm")).turns();
        assertEquals(5, viaMetrics.size());
        for (TurnRecord t : viaMetrics) {
            assertEquals("metrics", t.cachedSource());
            assertEquals(t.request().cachedTokens(), t.cachedTokens(), "turn " + t.turn() + ": llmbench_prefix_cache_hits_total rose by what usage says");
        }
        assertTrue(viaMetrics.get(1).cachedTokens() > 0);
    }
}
