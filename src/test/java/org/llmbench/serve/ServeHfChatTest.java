package org.llmbench.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.tokenizer.Tokenizers;
import org.llmbench.weights.SyntheticWeights;
import org.llmbench.weights.hf.HfFoldersAccess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/** A Hugging Face folder served whole: safetensors weights, tokenizer.json and the Jinja chat template of tokenizer_config.json. */
class ServeHfChatTest {
    @TempDir
    Path dir;

    @Test
    void chatMessagesAreRenderedWithTheModelsOwnTemplate() throws Exception {
        ModelSpec spec = new ModelSpec("t-chat", Arch.LLAMA, 64, 2, 4, 2, 96, 300, 128, 10000f, 1e-5f, false);
        Path folder = HfFoldersAccess.write(new SyntheticWeights(spec), dir.resolve("t-chat"));
        JsonObject vocab = new JsonObject();
        vocab.addProperty("<unk>", 0);
        for (int b = 0; b < 256; b++) vocab.addProperty(String.format(Locale.ROOT, "<0x%02X>", b), 3 + b);
        vocab.addProperty("\u2581", 259);
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.addProperty("byte_fallback", true);
        model.addProperty("unk_token", "<unk>");
        model.add("vocab", vocab);
        model.add("merges", new JsonArray());
        JsonArray added = new JsonArray();
        for (String[] t : new String[][]{{"1", "<s>"}, {"2", "</s>"}}) {
            JsonObject a = new JsonObject();
            a.addProperty("id", Integer.parseInt(t[0]));
            a.addProperty("content", t[1]);
            a.addProperty("special", true);
            added.add(a);
        }
        JsonObject tokenizer = new JsonObject();
        tokenizer.add("model", model);
        tokenizer.add("added_tokens", added);
        tokenizer.add("pre_tokenizer", com.google.gson.JsonParser.parseString("{\"type\":\"Metaspace\",\"replacement\":\"\u2581\",\"prepend_scheme\":\"first\"}"));
        Files.writeString(folder.resolve("tokenizer.json"), tokenizer.toString());
        JsonObject config = new JsonObject();
        config.addProperty("bos_token", "<s>");
        config.addProperty("eos_token", "</s>");
        config.addProperty("add_bos_token", true);
        config.addProperty("chat_template", ChatTemplateTest.ZEPHYR);
        Files.writeString(folder.resolve("tokenizer_config.json"), config.toString());

        try (LlmServer server = LlmServer.start(new ServeConfig(folder.toString(), "fp32", "127.0.0.1", 0, 2, 0, 2, 64, true, 1L << 20, null, 1))) {
            assertTrue(server.infoLine().contains("Jinja"), server.infoLine());
            Http http = new Http(server.url());
            JsonObject card = http.get("/v1/models").json().getAsJsonArray("data").get(0).getAsJsonObject();
            assertEquals("t-chat", card.get("id").getAsString());
            assertEquals(128, card.get("max_model_len").getAsInt());
            JsonObject r = http.post("/v1/chat/completions", "{\"model\":\"t-chat\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                    + "{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":2,\"ignore_eos\":true}").json();
            String rendered = "<|system|>\nBe brief.</s>\n<|user|>\nHi</s>\n<|assistant|>\n";
            int[] expected = Tokenizers.load(folder.toString()).tokenizer().encodePrompt(rendered);
            assertEquals(1, expected[0], "BOS");
            assertEquals(2, expected[2 + "<|system|>\nBe brief.".length()], "after BOS and the space prefix, one token a character: the template's </s> is EOS, not its characters");
            assertEquals(expected.length, r.getAsJsonObject("usage").get("prompt_tokens").getAsInt());
            JsonObject refused = http.post("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(200) + "\"}]}").error();
            assertTrue(refused.get("message").getAsString().contains("context of 128"), refused.toString());
        }
    }
}
