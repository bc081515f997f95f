package org.llmbench.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.LlmbenchException;
import org.llmbench.quant.Quant;
import org.llmbench.weights.SyntheticWeights;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.weights.gguf.GgufFile;
import org.llmbench.weights.gguf.GgufWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Tokenizers read from model files: GGUF metadata and a Hugging Face folder's tokenizer.json give the same ids as the hand-built ones. */
class TokenizerFilesTest {
    @TempDir
    Path dir;

    private static GgufFile.GgufArray strings(List<String> s) {
        return new GgufFile.GgufArray(8, s.size(), s, null);
    }

    private static GgufFile.GgufArray numbers(double[] d) {
        return new GgufFile.GgufArray(6, d.length, null, d);
    }

    private static GgufFile gguf(Map<String, Object> meta) {
        return new GgufFile(Path.of("test.gguf"), 0, 3, meta, Map.of(), 0, 32);
    }

    @Test
    void aGgufLlamaVocabularyIsSentencePieceWithItsScores() {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Double> types = new ArrayList<>(List.of(2.0, 3.0, 3.0)), scores = new ArrayList<>(List.of(0.0, 0.0, 0.0));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format(Locale.ROOT, "<0x%02X>", b));
            types.add(6.0);
            scores.add(0.0);
        }
        for (int i = 0; i < SentencePieceBpeTest.PIECES.length; i++) {
            tokens.add(SentencePieceBpeTest.PIECES[i]);
            types.add(SentencePieceBpeTest.PIECES[i].startsWith("<|") ? 4.0 : 1.0);
            scores.add((double) SentencePieceBpeTest.SCORES[i]);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tokenizer.ggml.model", "llama");
        meta.put("tokenizer.ggml.tokens", strings(tokens));
        meta.put("tokenizer.ggml.token_type", numbers(types.stream().mapToDouble(Double::doubleValue).toArray()));
        meta.put("tokenizer.ggml.scores", numbers(scores.stream().mapToDouble(Double::doubleValue).toArray()));
        meta.put("tokenizer.ggml.bos_token_id", 1L);
        meta.put("tokenizer.ggml.eos_token_id", 2L);
        meta.put("tokenizer.chat_template", "{{ messages }}");
        ModelTokenizer mt = Tokenizers.of(gguf(meta));
        Tokenizer t = mt.tokenizer();
        SentencePieceBpe reference = SentencePieceBpeTest.tokenizer(true);
        for (String s : List.of("abc", "a  b", "<s>ab</s>a", "é😀 xyz qqq", "<|user|>a")) {
            assertArrayEquals(reference.encode(s, true), t.encode(s, true), s);
        }
        assertTrue(t.addBos(), "llama adds BOS unless the file says otherwise");
        assertEquals("</s>", t.text(t.eos()));
        assertEquals("{{ messages }}", mt.chatTemplate());

        meta.put("tokenizer.ggml.add_space_prefix", false);
        meta.put("tokenizer.ggml.add_bos_token", false);
        Tokenizer noPrefix = Tokenizers.of(gguf(meta)).tokenizer();
        assertArrayEquals(new int[]{SentencePieceBpeTest.id("ab"), SentencePieceBpeTest.id("c")}, noPrefix.encodePrompt("abc"));
    }

    @Test
    void aGgufGpt2VocabularyIsByteLevelWithItsMerges() {
        ByteLevelBpe reference = ByteLevelBpeTest.tokenizer();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < reference.vocabSize(); i++) tokens.add(reference.text(i));
        double[] types = new double[tokens.size()];
        java.util.Arrays.fill(types, 1);
        types[types.length - 1] = 3;
        List<String> merges = new ArrayList<>();
        for (String[] m : ByteLevelBpeTest.MERGES) merges.add(m[0] + " " + m[1]);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tokenizer.ggml.model", "gpt2");
        meta.put("tokenizer.ggml.pre", "gpt-2");
        meta.put("tokenizer.ggml.tokens", strings(tokens));
        meta.put("tokenizer.ggml.token_type", numbers(types));
        meta.put("tokenizer.ggml.merges", strings(merges));
        meta.put("tokenizer.ggml.eos_token_id", (long) tokens.size() - 1);
        Tokenizer t = Tokenizers.of(gguf(meta)).tokenizer();
        for (String s : List.of("the there", "a   b", "x 12 !?", "é 😀", "a<|endoftext|>b")) {
            assertArrayEquals(reference.encode(s, true), t.encode(s, true), s);
        }
        assertFalse(t.addBos());
        meta.put("tokenizer.ggml.pre", "starcoder");
        assertTrue(Tokenizers.of(gguf(meta)).tokenizer().describe().contains("'starcoder' not implemented"), "a split we do not have is said");
    }

    @Test
    void aGgufWithoutATokenizerOrWithABrokenOneIsRefusedWithItsProblem() {
        assertTrue(assertThrows(LlmbenchException.class, () -> Tokenizers.of(gguf(Map.of()))).getMessage().contains("tokenizer.ggml.model is missing"));
        Map<String, Object> meta = new LinkedHashMap<>(Map.of("tokenizer.ggml.model", "t5", "tokenizer.ggml.tokens", strings(List.of("a"))));
        assertTrue(assertThrows(LlmbenchException.class, () -> Tokenizers.of(gguf(meta))).getMessage().contains("'t5' is not supported"));
        meta.put("tokenizer.ggml.model", "llama");
        meta.put("tokenizer.ggml.scores", numbers(new double[]{0, 0}));
        assertTrue(assertThrows(LlmbenchException.class, () -> Tokenizers.of(gguf(meta))).getMessage().contains("2 entries for 1 tokens"));
    }

    @Test
    void anExportedSyntheticModelsVocabularyReadsBackAndFallsBackToBytes() {
        Path file = dir.resolve("t.gguf");
        ModelSpec spec = new ModelSpec("t-llama-300", Arch.LLAMA, 64, 1, 4, 2, 96, 300, 32, 10000f, 1e-5f, false); // room for all 256 byte tokens
        GgufWriter.write(new SyntheticWeights(spec), Quant.FP32, file);
        Tokenizer t = Tokenizers.load(file.toString()).tokenizer();
        assertEquals(300, t.vocabSize());
        // the exported vocabulary has byte tokens but no "▁": " hi" is the bytes of ▁ (E2 96 81), h, i
        assertArrayEquals(new int[]{1, 3 + 0xE2, 3 + 0x96, 3 + 0x81, 3 + 'h', 3 + 'i'}, t.encodePrompt("hi"));
    }

    private static JsonObject tokenizerJson(boolean byteLevel) {
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        JsonObject vocab = new JsonObject();
        JsonArray merges = new JsonArray();
        JsonArray added = new JsonArray();
        if (byteLevel) {
            ByteLevelBpe ref = ByteLevelBpeTest.tokenizer();
            for (int i = 0; i < ref.vocabSize() - 1; i++) vocab.addProperty(ref.text(i), i);
            for (String[] m : ByteLevelBpeTest.MERGES) merges.add(m[0] + " " + m[1]);
            added.add(added(ref.vocabSize() - 1, "<|endoftext|>", true));
        } else {
            SentencePieceBpe ref = SentencePieceBpeTest.tokenizer(true);
            for (int i = 0; i < ref.vocabSize(); i++) if (i > 2 && !ref.text(i).startsWith("<|")) vocab.addProperty(ref.text(i), i);
            vocab.addProperty("<unk>", 0);
            model.addProperty("byte_fallback", true);
            model.addProperty("unk_token", "<unk>");
            // ranks in order of the merged token's score, best first: the same order the scores give
            String[][] pairs = {{SentencePieceBpeTest.S, "ab"}, {"a", "b"}, {"b", "c"}, {SentencePieceBpeTest.S, "a"}, {"y", "z"}, {"x", "y"}, {"q", "q"},
                    {SentencePieceBpeTest.S, SentencePieceBpeTest.S}};
            for (String[] p : pairs) {
                JsonArray pair = new JsonArray();
                pair.add(p[0]);
                pair.add(p[1]);
                merges.add(pair);
            }
            added.add(added(1, "<s>", true));
            added.add(added(2, "</s>", true));
            added.add(added(ref.vocabSize() - 1, "<|user|>", false));
        }
        model.add("vocab", vocab);
        model.add("merges", merges);
        JsonObject root = new JsonObject();
        root.add("model", model);
        root.add("added_tokens", added);
        if (byteLevel) {
            JsonObject pre = new JsonObject();
            pre.addProperty("type", "ByteLevel");
            root.add("pre_tokenizer", pre);
        } else {
            root.add("normalizer", com.google.gson.JsonParser.parseString(
                    "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Prepend\",\"prepend\":\"▁\"},{\"type\":\"Replace\",\"pattern\":{\"String\":\" \"},\"content\":\"▁\"}]}"));
        }
        return root;
    }

    private static JsonObject added(int id, String content, boolean special) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("content", content);
        o.addProperty("special", special);
        return o;
    }

    @Test
    void aTokenizerJsonGivesTheSameIdsAsTheSameVocabularyFromGguf() throws Exception {
        Path llama = Files.createDirectories(dir.resolve("llama"));
        Files.writeString(llama.resolve("tokenizer.json"), tokenizerJson(false).toString());
        Files.writeString(llama.resolve("tokenizer_config.json"),
                "{\"bos_token\":\"<s>\",\"eos_token\":{\"content\":\"</s>\"},\"add_bos_token\":true,\"chat_template\":\"{{ bos_token }}\"}");
        ModelTokenizer mt = Tokenizers.load(llama.toString());
        SentencePieceBpe ref = SentencePieceBpeTest.tokenizer(true);
        for (String s : List.of("abc", "a  b", "<s>ab</s>a", "é😀 xyz qqq", "<|user|>a", "   c")) {
            assertArrayEquals(ref.encode(s, true), mt.tokenizer().encode(s, true), s);
        }
        assertArrayEquals(ref.encodePrompt("abc"), mt.tokenizer().encodePrompt("abc"));
        assertEquals(2, mt.tokenizer().eos());
        assertEquals("{{ bos_token }}", mt.chatTemplate());

        Path gpt2 = Files.createDirectories(dir.resolve("gpt2"));
        Files.writeString(gpt2.resolve("tokenizer.json"), tokenizerJson(true).toString());
        Tokenizer t = Tokenizers.load(gpt2.toString()).tokenizer();
        ByteLevelBpe bl = ByteLevelBpeTest.tokenizer();
        for (String s : List.of("the there", "a   b", "x 12 !?", "é 😀", "a<|endoftext|>b")) {
            assertArrayEquals(bl.encode(s, true), t.encode(s, true), s);
        }
        assertNull(Tokenizers.load(gpt2.toString()).chatTemplate());
    }

    @Test
    void aFolderWithoutTokenizerJsonIsRefused() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("none"));
        assertTrue(assertThrows(LlmbenchException.class, () -> Tokenizers.load(empty.toString())).getMessage().contains("has no tokenizer.json"));
        Files.writeString(empty.resolve("tokenizer.json"), "{\"model\":{\"type\":\"Unigram\",\"vocab\":[]}}");
        assertTrue(assertThrows(LlmbenchException.class, () -> Tokenizers.load(empty.toString())).getMessage().contains("'Unigram' is not supported"));
    }
}
