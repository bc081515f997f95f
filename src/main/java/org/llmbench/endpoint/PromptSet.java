package org.llmbench.endpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.llmbench.LlmbenchException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The prompts of a run: the shipped suite (18 prompts: short/medium/long × simple/moderate/complex × 2,
 * ten categories), a user's JSONL file (same schema, only "prompt" required), or synthetic prompts of
 * a fixed length. Schema of one JSONL line (docs/ENDPOINT.md):
 * {@code {"id": "...", "length": "short", "complexity": "simple", "category": "factual_qa", "prompt": "...", "max_tokens": 128}}.
 */
public record PromptSet(String name, List<Prompt> prompts) {
    static final String SUITE = "suite";
    static final List<String> FIELDS = List.of("id", "length", "complexity", "category", "prompt", "max_tokens");
    private static final int MAX_LINES = 100_000;
    private static final long MAX_FILE_BYTES = 256L << 20;

    /** The 18 curated prompts shipped in the jar. */
    public static PromptSet suite() {
        try (InputStream in = PromptSet.class.getResourceAsStream("prompts.jsonl")) {
            if (in == null) throw new LlmbenchException("The prompt suite is missing from the jar (org/llmbench/endpoint/prompts.jsonl); rebuild it.");
            return new PromptSet(SUITE, read(new InputStreamReader(in, StandardCharsets.UTF_8), "the prompt suite"));
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read the prompt suite: " + e.getMessage());
        }
    }

    /** A user's prompts, one JSON object per line. */
    public static PromptSet file(Path file) {
        try {
            if (!Files.isRegularFile(file)) throw new LlmbenchException("Prompt file " + file + " does not exist; give a JSONL file with one {\"prompt\": ...} per line.");
            if (Files.size(file) > MAX_FILE_BYTES) throw new LlmbenchException("Prompt file " + file + " is larger than 256 MiB; split it.");
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return new PromptSet(file.getFileName().toString(), read(r, file.toString()));
            }
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read prompt file " + file + ": " + e.getMessage());
        }
    }

    /**
     * {@code IN:OUT}: {@code count} prompts of IN tokens asking for OUT tokens. Each holds IN random
     * token ids (seeded, from [1000, 30000), a range inside every common vocabulary and clear of
     * special tokens) for endpoints that take ids, and IN common words (about one token each) for the rest.
     */
    public static PromptSet synthetic(String spec, int count, long seed) {
        int[] inOut = parseSynthetic(spec);
        int in = inOut[0], out = inOut[1];
        SplittableRandom random = new SplittableRandom(seed);
        List<Prompt> prompts = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            int[] ids = new int[in];
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < in; i++) {
                ids[i] = 1000 + random.nextInt(29_000);
                if (i > 0) text.append(' ');
                text.append(WORDS[random.nextInt(WORDS.length)]);
            }
            prompts.add(new Prompt("synthetic-" + (p + 1), "in=" + in, "synthetic", "synthetic", text.toString(), ids, out));
        }
        return new PromptSet("synthetic " + in + ":" + out, prompts);
    }

    /** "IN:OUT" as {IN, OUT}, each from 1 to 1000000. */
    public static int[] parseSynthetic(String spec) {
        String[] parts = spec == null ? new String[0] : spec.trim().split(":");
        if (parts.length == 2) {
            try {
                int in = Integer.parseInt(parts[0].trim()), out = Integer.parseInt(parts[1].trim());
                if (in >= 1 && out >= 1 && in <= 1_000_000 && out <= 1_000_000) return new int[]{in, out};
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new LlmbenchException("--synthetic '" + spec + "' is invalid; give IN:OUT token counts from 1 to 1000000, e.g. 512:128.");
    }

    private static List<Prompt> read(Reader reader, String source) throws IOException {
        List<Prompt> out = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int n = 0;
        while ((line = lines.readLine()) != null) {
            n++;
            if (n > MAX_LINES) throw new LlmbenchException(source + " has more than " + MAX_LINES + " lines; split it.");
            if (line.isBlank()) continue;
            out.add(prompt(line, source + " line " + n, out.size() + 1));
        }
        if (out.isEmpty()) throw new LlmbenchException(source + " holds no prompts; give one JSON object with a \"prompt\" per line.");
        return out;
    }

    private static Prompt prompt(String line, String where, int number) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) throw new LlmbenchException(where + " is not a JSON object; each line must be {\"prompt\": ...}.");
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new LlmbenchException(where + " is not valid JSON; each line must be one object such as {\"prompt\": \"...\"}.");
        }
        for (String key : o.keySet()) {
            if (!FIELDS.contains(key)) throw new LlmbenchException(where + ": unknown field '" + key + "'; valid fields are " + String.join(", ", FIELDS) + ".");
        }
        String text = string(o, "prompt", where);
        if (text == null || text.isBlank()) throw new LlmbenchException(where + " has no \"prompt\" text; it is the one required field.");
        String length = string(o, "length", where);
        int maxTokens = 0;
        if (o.has("max_tokens")) {
            try {
                maxTokens = o.get("max_tokens").getAsInt();
            } catch (RuntimeException e) {
                maxTokens = -1;
            }
            if (maxTokens < 1) throw new LlmbenchException(where + ": max_tokens '" + o.get("max_tokens") + "' is invalid; give a whole number of at least 1.");
        }
        String id = string(o, "id", where);
        return new Prompt(id == null ? "prompt-" + number : id, length == null ? lengthOf(text) : length,
                orElse(string(o, "complexity", where), "unspecified"), orElse(string(o, "category", where), "unspecified"), text, null, maxTokens);
    }

    /** A prompt without a length label gets one from its word count (short &lt; 100 words ≤ medium &lt; 400 words ≤ long). */
    static String lengthOf(String text) {
        int words = text.isBlank() ? 0 : text.trim().split("\\s+").length;
        return words < 100 ? "short" : words < 400 ? "medium" : "long";
    }

    private static String string(JsonObject o, String key, String where) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) return null;
        if (!e.isJsonPrimitive()) throw new LlmbenchException(where + ": \"" + key + "\" must be a string.");
        return e.getAsString();
    }

    private static String orElse(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }

    private static final String[] WORDS = ("the of and to in is was for on that with as by at from his her they this have are but not "
            + "had one all were when we there can an which their if has will each about how up out them then she many some so "
            + "these would other into time two more very what know just first like over such our old any same last long water "
            + "day most work way place year back little only round man came show every good give under name through great "
            + "help line turn much mean before move right boy too does tell sentence set three want air well also play small "
            + "end put home read hand port large spell add even land here must big high act why ask men change went light kind "
            + "off need house picture try again animal point mother world near build self earth father head stand own page "
            + "should country found answer school grow study still learn plant cover food sun four between state keep eye "
            + "never city tree cross farm hard start might story saw far sea draw left late run while press close night real "
            + "life few north open seem together next white children begin got walk example ease paper group always music "
            + "those both mark often letter until mile river car feet care second book carry took science eat room friend "
            + "began idea fish mountain stop once base hear horse cut sure watch color face wood main enough plain girl usual").split(" ");
}
