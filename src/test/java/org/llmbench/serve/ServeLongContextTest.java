package org.llmbench.serve;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** --ctx beyond the trained context: a rotary-position model serves it (and says so); a learned-position one refuses. */
class ServeLongContextTest {
    @Test
    void llamaTinyServesFourTimesItsTrainedContext() {
        try (LlmServer server = LlmServer.start(new ServeConfig("llama-tiny", "fp32", "127.0.0.1", 0, 1, 1024, 4, 256, true, 16L << 20, null, 2))) {
            Http http = new Http(server.url());
            assertEquals(1024, http.get("/v1/models").json().getAsJsonArray("data").get(0).getAsJsonObject().get("max_model_len").getAsInt());
            assertTrue(server.infoLine().contains("context 1024 tokens exceeds the 256 the model was trained for"), server.infoLine());
            String ids = IntStream.range(0, 900).mapToObj(i -> Integer.toString(3 + i % 250)).reduce((a, b) -> a + "," + b).orElseThrow();
            Http.Reply r = http.post("/v1/completions", "{\"prompt\":[" + ids + "],\"max_tokens\":3,\"ignore_eos\":true,\"temperature\":0}");
            assertEquals(200, r.status(), r.body());
            JsonObject usage = r.json().getAsJsonObject("usage");
            assertEquals(900, usage.get("prompt_tokens").getAsInt());
            assertEquals(3, usage.get("completion_tokens").getAsInt());
        }
    }

    @Test
    void learnedPositionsEndAtTheTrainedContext() {
        var e = assertThrows(org.llmbench.LlmbenchException.class,
                () -> LlmServer.start(new ServeConfig("gpt2-tiny", "fp32", "127.0.0.1", 0, 1, 600, 4, 256, true, 16L << 20, null, 1)));
        assertEquals("--ctx 600 is invalid for gpt2-tiny; it takes 1 to 512 tokens (its positions are a learned table of that length).", e.getMessage());
    }
}
