package org.llmbench.serve;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;

import static org.junit.jupiter.api.Assertions.*;

/** A server with an API key and the prefix cache off (the A/B baseline). */
class ServeOptionsTest {
    static final String KEY = "s3cret-key-for-tests";
    static LlmServer server;

    @BeforeAll
    static void start() {
        server = LlmServer.start(new ServeConfig("llama-tiny", "fp32", "127.0.0.1", 0, 2, 128, 4, 64, false, -1, KEY, 2));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void withAKeyV1NeedsItAndNoMessageShowsIt() {
        Http none = new Http(server.url()), wrong = new Http(server.url(), "nope"), right = new Http(server.url(), KEY);
        String body = "{\"prompt\":[1,2],\"max_tokens\":1}";
        Http.Reply missing = none.post("/v1/completions", body), bad = wrong.post("/v1/completions", body);
        assertEquals(401, missing.status());
        assertEquals(401, bad.status());
        assertEquals(401, none.get("/v1/models").status());
        assertEquals("invalid_api_key", bad.error().get("code").getAsString());
        assertFalse(missing.body().contains(KEY) || bad.body().contains(KEY));
        assertFalse(server.readyLine().contains(KEY) || server.infoLine().contains(KEY));
        assertEquals(200, right.post("/v1/completions", body).status());
        assertEquals(200, none.get("/health").status(), "health needs no key");
        assertEquals(128, right.get("/v1/models").json().getAsJsonArray("data").get(0).getAsJsonObject().get("max_model_len").getAsInt(), "--ctx 128");
    }

    @Test
    void withTheCacheOffNothingIsReused() {
        Http http = new Http(server.url(), KEY);
        String body = "{\"prompt\":[" + ServeApiTest.ids(40, 3) + "],\"max_tokens\":1}";
        http.post("/v1/completions", body);
        assertEquals(0, http.post("/v1/completions", body).json().getAsJsonObject("usage").getAsJsonObject("prompt_tokens_details").get("cached_tokens").getAsInt());
        assertEquals(0.0, http.metric("llmbench_prefix_cache_hits_total"));
        assertTrue(server.readyLine().contains("prefix cache off"));
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        assertTrue(assertThrows(LlmbenchException.class, () -> LlmServer.start(new ServeConfig("llama-tiny", "fp32", "127.0.0.1", 0, 1, 999, 0, 8, true, -1, null, 1)))
                .getMessage().contains("--ctx 999"));
        assertTrue(assertThrows(LlmbenchException.class, () -> new ServeConfig("llama-tiny", "fp32", "127.0.0.1", 0, 0, 0, 0, 8, true, -1, null, 1))
                .getMessage().contains("--max-batch 0"));
        assertTrue(assertThrows(LlmbenchException.class, () -> LlmServer.start(ServeConfig.defaults("no-such-model").withPort(0)))
                .getMessage().contains("Unknown model 'no-such-model'"));
        assertTrue(assertThrows(LlmbenchException.class, () -> LlmServer.start(ServeConfig.defaults("llama-tiny").withPort(server.port())))
                .getMessage().contains("Cannot listen"), "a taken port");
        assertFalse(new ServeConfig("m", "fp32", "h", 0, 1, 0, 0, 1, true, -1, KEY, 1).toString().contains(KEY));
    }
}
