package org.llmbench.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmbench.tokenizer.ByteTokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The API over real HTTP on 127.0.0.1, against llama-tiny served by this JVM on a free port. */
class ServeApiTest {
    static LlmServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = LlmServer.start(new ServeConfig("llama-tiny", "fp32", "127.0.0.1", 0, 4, 0, 16, 64, true, 64L << 20, null, 2));
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String ids(int n, int seed) {
        return IntStream.range(0, n).mapToObj(i -> Integer.toString(3 + (i * 37 + seed * 101) % 250)).reduce((a, b) -> a + "," + b).orElse("");
    }

    @Test
    void healthAndTheModelCard() {
        assertEquals(new Http.Reply(200, "{\"status\":\"ok\"}"), http.get("/health"));
        JsonObject card = http.get("/v1/models").json().getAsJsonArray("data").get(0).getAsJsonObject();
        assertEquals("llama-tiny", card.get("id").getAsString());
        assertEquals(256, card.get("max_model_len").getAsInt(), "llama-tiny's context");
        assertEquals("fp32", card.get("quant").getAsString());
        assertTrue(card.get("origin").getAsString().startsWith("synthetic"));
        assertTrue(server.readyLine().contains("ready at " + server.url()) && server.readyLine().contains("prefix cache 64.0 MiB"), server.readyLine());
    }

    @Test
    void aWholeCompletionCarriesUsageAndFinishReason() {
        JsonObject r = http.post("/v1/completions", "{\"model\":\"llama-tiny\",\"prompt\":[" + ids(5, 1) + "],\"max_tokens\":6,\"temperature\":0,\"ignore_eos\":true}").json();
        assertEquals("text_completion", r.get("object").getAsString());
        JsonObject choice = r.getAsJsonArray("choices").get(0).getAsJsonObject();
        assertEquals("length", choice.get("finish_reason").getAsString());
        JsonObject usage = r.getAsJsonObject("usage");
        assertEquals(5, usage.get("prompt_tokens").getAsInt());
        assertEquals(6, usage.get("completion_tokens").getAsInt());
        assertEquals(11, usage.get("total_tokens").getAsInt());
        assertEquals(0, usage.getAsJsonObject("prompt_tokens_details").get("cached_tokens").getAsInt());
        // a text prompt: BOS plus one token per UTF-8 byte (the byte-level tokenizer of synthetic models)
        JsonObject t = http.post("/v1/completions", "{\"prompt\":\"Grüße\",\"max_tokens\":1}").json();
        assertEquals(1 + "Grüße".getBytes(StandardCharsets.UTF_8).length, t.getAsJsonObject("usage").get("prompt_tokens").getAsInt());
    }

    @Test
    void aStreamIsOpenAisChunksThenUsageThenDone() {
        String body = "{\"prompt\":[" + ids(4, 2) + "],\"max_tokens\":5,\"temperature\":0,\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
        List<String> events = http.events("/v1/completions", body);
        assertEquals("[DONE]", events.get(events.size() - 1));
        JsonObject usageChunk = JsonParser.parseString(events.get(events.size() - 2)).getAsJsonObject();
        assertEquals(0, usageChunk.getAsJsonArray("choices").size());
        assertEquals(5, usageChunk.getAsJsonObject("usage").get("completion_tokens").getAsInt());
        JsonObject last = JsonParser.parseString(events.get(events.size() - 3)).getAsJsonObject();
        assertEquals("length", last.getAsJsonArray("choices").get(0).getAsJsonObject().get("finish_reason").getAsString());
        StringBuilder text = new StringBuilder();
        for (String e : events.subList(0, events.size() - 3)) {
            JsonObject c = JsonParser.parseString(e).getAsJsonObject();
            assertEquals("text_completion", c.get("object").getAsString());
            assertTrue(c.get("usage").isJsonNull(), "usage is null until the last chunk");
            JsonObject choice = c.getAsJsonArray("choices").get(0).getAsJsonObject();
            assertTrue(choice.get("finish_reason").isJsonNull());
            text.append(choice.get("text").getAsString());
        }
        String whole = http.post("/v1/completions", body.replace("\"stream\":true", "\"stream\":false")).json()
                .getAsJsonArray("choices").get(0).getAsJsonObject().get("text").getAsString();
        assertEquals(whole, text.toString(), "streamed pieces add up to the whole text");
        assertEquals(5, events.size() - 3, "one chunk per token: every id past the bytes prints");
    }

    @Test
    void aChatStreamStartsWithTheRoleAndRendersChatMl() {
        String messages = "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]";
        List<String> events = http.events("/v1/chat/completions", "{\"messages\":" + messages + ",\"max_tokens\":3,\"stream\":true,\"ignore_eos\":true}");
        JsonObject first = JsonParser.parseString(events.get(0)).getAsJsonObject();
        assertEquals("chat.completion.chunk", first.get("object").getAsString());
        JsonObject delta = first.getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("delta");
        assertEquals("assistant", delta.get("role").getAsString());
        assertEquals("", delta.get("content").getAsString());
        assertFalse(events.get(events.size() - 2).contains("\"usage\""), "no usage chunk unless asked");
        JsonObject whole = http.post("/v1/chat/completions", "{\"messages\":" + messages + ",\"max_tokens\":3,\"ignore_eos\":true}").json();
        assertEquals("assistant", whole.getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("message").get("role").getAsString());
        String chatMl = "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n";
        assertEquals(new ByteTokenizer(32000).encodePrompt(chatMl).length, whole.getAsJsonObject("usage").get("prompt_tokens").getAsInt());
    }

    @Test
    void aRepeatedPrefixIsServedFromTheCache() {
        String prompt = ids(40, 3);
        JsonObject cold = http.post("/v1/completions", "{\"prompt\":[" + prompt + "],\"max_tokens\":2,\"temperature\":0}").json();
        JsonObject warm = http.post("/v1/completions", "{\"prompt\":[" + prompt + ",7,8],\"max_tokens\":2,\"temperature\":0}").json();
        assertEquals(0, cold.getAsJsonObject("usage").getAsJsonObject("prompt_tokens_details").get("cached_tokens").getAsInt());
        assertEquals(32, warm.getAsJsonObject("usage").getAsJsonObject("prompt_tokens_details").get("cached_tokens").getAsInt(), "two whole blocks of 16");
        JsonObject same = http.post("/v1/completions", "{\"prompt\":[" + prompt + "],\"max_tokens\":2,\"temperature\":0}").json();
        assertEquals(text(cold), text(same), "the cached prefix gives the same greedy tokens");
        assertTrue(http.metric("llmbench_prefix_cache_hits_total") >= 64);
        assertTrue(http.metric("llmbench_kv_cache_blocks_used") >= 2);
    }

    @Test
    void greedyOutputIsTheSameAloneOrBesideOthersAndSeededSamplingRepeats() {
        String mine = "{\"prompt\":[" + ids(12, 4) + "],\"max_tokens\":12,\"temperature\":0,\"ignore_eos\":true}";
        String sampled = "{\"prompt\":[" + ids(12, 5) + "],\"max_tokens\":12,\"temperature\":0.9,\"top_p\":0.9,\"seed\":1234,\"ignore_eos\":true}";
        String alone = text(http.post("/v1/completions", mine).json());
        String sampledAlone = text(http.post("/v1/completions", sampled).json());
        List<CompletableFuture<String>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // more than the 4 slots: some wait, and join while others decode
            String body = i == 2 ? mine : i == 4 ? sampled : "{\"prompt\":[" + ids(5 + 7 * i, 10 + i) + "],\"max_tokens\":" + (4 + 3 * i) + ",\"temperature\":0.7,\"ignore_eos\":true}";
            runs.add(CompletableFuture.supplyAsync(() -> text(http.post("/v1/completions", body).json())));
        }
        assertEquals(alone, runs.get(2).join());
        assertEquals(sampledAlone, runs.get(4).join(), "a request's own seeded sampler, whatever runs beside it");
        assertNotEquals(sampledAlone, text(http.post("/v1/completions", sampled.replace("1234", "99")).json()), "another seed, other tokens");
    }

    @Test
    void aStopStringEndsTheTextBeforeIt() {
        String body = "{\"prompt\":[" + ids(6, 6) + "],\"max_tokens\":8,\"temperature\":0,\"ignore_eos\":true";
        String full = text(http.post("/v1/completions", body + "}").json());
        String[] words = full.split(" ");
        String stop = " " + words[3]; // the third token's text, e.g. " t123"
        JsonObject r = http.post("/v1/completions", body + ",\"stop\":[\"zzz\",\"" + stop + "\"]}").json();
        assertEquals(full.substring(0, full.indexOf(stop)), text(r));
        assertEquals("stop", r.getAsJsonArray("choices").get(0).getAsJsonObject().get("finish_reason").getAsString());
        List<String> events = http.events("/v1/completions", body + ",\"stop\":\"" + stop + "\",\"stream\":true}");
        StringBuilder streamed = new StringBuilder();
        for (String e : events.subList(0, events.size() - 1)) {
            JsonArray choices = JsonParser.parseString(e).getAsJsonObject().getAsJsonArray("choices");
            streamed.append(choices.get(0).getAsJsonObject().get("text").getAsString());
        }
        assertEquals(text(r), streamed.toString());
    }

    @Test
    void metricsAreInPrometheusTextFormat() {
        http.post("/v1/completions", "{\"prompt\":[5,6,7],\"max_tokens\":3}");
        String m = http.get("/metrics").body();
        for (String name : List.of("llmbench_requests_total{status=\"200\"}", "llmbench_prompt_tokens_total", "llmbench_generation_tokens_total",
                "llmbench_prefix_cache_queries_total", "llmbench_prefix_cache_hits_total", "llmbench_requests_running", "llmbench_requests_waiting",
                "llmbench_kv_cache_blocks_used", "llmbench_kv_cache_blocks_total", "llmbench_time_to_first_token_seconds_bucket",
                "llmbench_inter_token_latency_seconds_bucket", "llmbench_scheduler_step_seconds_count")) {
            assertTrue(m.contains(name), name + " in\n" + m);
        }
        assertTrue(http.metric("llmbench_generation_tokens_total") >= 3);
        assertEquals(64.0, http.metric("llmbench_kv_cache_blocks_total") * 16 * 2 * 6 * 288 * 4 / (1 << 20), 64 * 0.01,
                "64 MiB of 16-token blocks of llama-tiny's KV (2 x 6 layers x 288 floats a token)");
    }

    static String text(JsonObject r) {
        return r.getAsJsonArray("choices").get(0).getAsJsonObject().get("text").getAsString();
    }
}
