package org.llmbench.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds the tokenizer of a Hugging Face folder from its tokenizer.json (a BPE model: byte-level as
 * GPT-2's, or SentencePiece-style with byte fallback as Llama's) and tokenizer_config.json (BOS,
 * EOS, whether BOS is added, the chat template).
 */
final class HfTokenizerJson {
    private HfTokenizerJson() {
    }

    static ModelTokenizer read(Path folder) {
        Path file = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new LlmbenchException("Model folder " + folder + " has no tokenizer.json, so text cannot be turned into tokens; add the model's tokenizer.json.");
        }
        JsonObject root = json(file);
        JsonObject config = Files.isRegularFile(folder.resolve("tokenizer_config.json")) ? json(folder.resolve("tokenizer_config.json")) : new JsonObject();
        return new ModelTokenizer(tokenizer(root, config, file.toString()), chatTemplate(config));
    }

    static Tokenizer tokenizer(JsonObject root, JsonObject config, String source) {
        JsonObject model = object(root, "model", source);
        String type = model.has("type") ? model.get("type").getAsString() : "";
        if (!type.equals("BPE")) throw new LlmbenchException(source + ": tokenizer model '" + type + "' is not supported (llmbench reads BPE tokenizers).");
        JsonObject vocabJson = object(model, "vocab", source);
        JsonArray added = root.has("added_tokens") && root.get("added_tokens").isJsonArray() ? root.getAsJsonArray("added_tokens") : new JsonArray();
        int size = 0;
        for (Map.Entry<String, JsonElement> e : vocabJson.entrySet()) size = Math.max(size, e.getValue().getAsInt() + 1);
        for (JsonElement a : added) size = Math.max(size, a.getAsJsonObject().get("id").getAsInt() + 1);
        String[] tokens = new String[size];
        int[] types = new int[size];
        Arrays.fill(tokens, "");
        Arrays.fill(types, Vocabulary.UNUSED); // ids nothing names
        boolean byteFallback = model.has("byte_fallback") && model.get("byte_fallback").getAsBoolean();
        for (Map.Entry<String, JsonElement> e : vocabJson.entrySet()) {
            int id = e.getValue().getAsInt();
            if (id < 0) throw new LlmbenchException(source + ": token '" + e.getKey() + "' has the negative id " + id + ".");
            tokens[id] = e.getKey();
            types[id] = byteFallback && e.getKey().matches("<0x[0-9A-F]{2}>") ? Vocabulary.BYTE : Vocabulary.NORMAL;
        }
        for (JsonElement a : added) {
            JsonObject t = a.getAsJsonObject();
            int id = t.get("id").getAsInt();
            tokens[id] = t.get("content").getAsString();
            types[id] = t.has("special") && t.get("special").getAsBoolean() ? Vocabulary.CONTROL : Vocabulary.USER_DEFINED;
        }
        String unkText = model.has("unk_token") && !model.get("unk_token").isJsonNull() ? model.get("unk_token").getAsString() : null;
        String bosText = tokenText(config, "bos_token"), eosText = tokenText(config, "eos_token");
        int unk = indexOf(tokens, unkText), bos = indexOf(tokens, bosText), eos = indexOf(tokens, eosText);
        if (unk >= 0 && types[unk] == Vocabulary.NORMAL) types[unk] = Vocabulary.UNKNOWN;
        boolean addBos;
        if (config.has("add_bos_token") && config.get("add_bos_token").isJsonPrimitive()) {
            addBos = config.get("add_bos_token").getAsBoolean();
        } else { // a post-processor that puts the BOS text in front of every sequence
            addBos = bosText != null && root.has("post_processor") && root.get("post_processor").toString().contains("\"" + bosText + "\"");
        }
        Vocabulary vocab = new Vocabulary(tokens, types, bos, eos, unk, addBos);
        List<String[]> merges = merges(model, source);
        String pre = root.has("pre_tokenizer") ? root.get("pre_tokenizer").toString() : "null";
        String norm = root.has("normalizer") ? root.get("normalizer").toString() : "null";
        if (pre.contains("\"ByteLevel\"")) {
            String regex = splitRegex(root.get("pre_tokenizer"));
            boolean ignoreMerges = model.has("ignore_merges") && model.get("ignore_merges").getAsBoolean();
            return new ByteLevelBpe(vocab, merges, regex != null ? regex : ByteLevelBpe.GPT2_SPLIT, ignoreMerges, source);
        }
        if (byteFallback || pre.contains("\"Metaspace\"") || norm.contains(SentencePieceBpe.SPACE)) {
            boolean prefix = norm.contains("\"Prepend\"") || (pre.contains("\"Metaspace\"") && !pre.contains("\"never\"")
                    && !pre.contains("\"add_prefix_space\":false"));
            return SentencePieceBpe.withMerges(vocab, merges, prefix, source);
        }
        throw new LlmbenchException(source + ": a BPE tokenizer with neither a ByteLevel pre-tokenizer nor SentencePiece's '▁' spaces is not supported.");
    }

    private static List<String[]> merges(JsonObject model, String source) {
        List<String[]> out = new ArrayList<>();
        if (!model.has("merges")) return out;
        for (JsonElement m : model.getAsJsonArray("merges")) {
            if (m.isJsonArray() && m.getAsJsonArray().size() == 2) {
                out.add(new String[]{m.getAsJsonArray().get(0).getAsString(), m.getAsJsonArray().get(1).getAsString()});
            } else {
                String s = m.getAsString();
                int sp = s.indexOf(' ', 1);
                if (sp < 0) throw new LlmbenchException(source + ": merge '" + s + "' is not two tokens separated by a space.");
                out.add(new String[]{s.substring(0, sp), s.substring(sp + 1)});
            }
        }
        return out;
    }

    /** The regular expression of a Split pre-tokenizer (Llama 3, Qwen), or null for GPT-2's. */
    private static String splitRegex(JsonElement pre) {
        if (pre == null || !pre.isJsonObject()) return null;
        JsonObject o = pre.getAsJsonObject();
        if (o.has("pretokenizers")) {
            for (JsonElement p : o.getAsJsonArray("pretokenizers")) {
                String r = splitRegex(p);
                if (r != null) return r;
            }
        }
        if ("Split".equals(o.has("type") ? o.get("type").getAsString() : "") && o.has("pattern") && o.getAsJsonObject("pattern").has("Regex")) {
            return o.getAsJsonObject("pattern").get("Regex").getAsString();
        }
        return null;
    }

    /** tokenizer_config's chat_template: a string, or a list of named templates (the "default" one). */
    static String chatTemplate(JsonObject config) {
        JsonElement t = config.get("chat_template");
        if (t == null || t.isJsonNull()) return null;
        if (t.isJsonPrimitive()) return t.getAsString();
        if (t.isJsonArray()) {
            for (JsonElement e : t.getAsJsonArray()) {
                JsonObject o = e.getAsJsonObject();
                if (o.has("name") && o.get("name").getAsString().equals("default")) return o.get("template").getAsString();
            }
        }
        return null;
    }

    private static String tokenText(JsonObject config, String key) {
        JsonElement e = config.get(key);
        if (e == null || e.isJsonNull()) return null;
        if (e.isJsonObject() && e.getAsJsonObject().has("content")) return e.getAsJsonObject().get("content").getAsString();
        return e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static int indexOf(String[] tokens, String text) {
        if (text == null) return -1;
        for (int i = 0; i < tokens.length; i++) if (tokens[i].equals(text)) return i;
        return -1;
    }

    private static JsonObject object(JsonObject o, String key, String source) {
        if (!o.has(key) || !o.get(key).isJsonObject()) throw new LlmbenchException(source + " has no '" + key + "' object; it is not a tokenizer.json of a BPE model.");
        return o.getAsJsonObject(key);
    }

    private static JsonObject json(Path file) {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file));
            if (!e.isJsonObject()) throw new LlmbenchException(file + " is not a JSON object.");
            return e.getAsJsonObject();
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read " + file + ": " + e.getMessage() + ".");
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new LlmbenchException(file + " is not valid JSON: " + e.getMessage() + ".");
        }
    }
}
