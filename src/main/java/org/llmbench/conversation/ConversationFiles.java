package org.llmbench.conversation;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads conversation files (the schema of docs/CONVERSATIONS.md): the shipped set from the jar, a
 * user's file (one conversation object, or an array of them) or every *.json file of a folder.
 * Whatever is wrong is one sentence naming the file and the field, and what would be valid.
 */
public final class ConversationFiles {
    static final List<String> FIELDS = List.of("id", "title", "tags", "approx_tokens", "system", "max_tokens", "documents", "turns");
    static final List<String> TURN_FIELDS = List.of("user", "max_tokens", "inject", "remove");
    static final List<String> PART_FIELDS = List.of("corpus_tokens", "seed");
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final long MAX_FILE_BYTES = 64L << 20;
    private static final int MAX_TURNS = 1000, MAX_CORPUS_TOKENS = 2_000_000;

    private ConversationFiles() {
    }

    /** The shipped set, in the order of index.txt. */
    public static List<Conversation> shipped() {
        List<Conversation> out = new ArrayList<>();
        for (String file : resource("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            out.addAll(parse(resource(file), "shipped " + file));
        }
        checkUnique(out);
        return out;
    }

    /** A file, or every *.json file of a folder (by name). */
    public static List<Conversation> load(Path path) {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
            } catch (IOException e) {
                throw new LlmbenchException("Cannot list conversation folder " + path + ": " + e.getMessage());
            }
            if (files.isEmpty()) throw new LlmbenchException("Conversation folder " + path + " holds no *.json file; give a folder of conversation files or one file.");
        } else if (Files.isRegularFile(path)) {
            files = List.of(path);
        } else {
            throw new LlmbenchException("Conversation file " + path + " does not exist; give a JSON file or a folder of them (docs/CONVERSATIONS.md).");
        }
        List<Conversation> out = new ArrayList<>();
        for (Path f : files) {
            try {
                if (Files.size(f) > MAX_FILE_BYTES) throw new LlmbenchException(f + " is larger than 64 MiB; split it (long contexts are better built with corpus_tokens).");
                out.addAll(parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
            } catch (IOException e) {
                throw new LlmbenchException("Cannot read conversation file " + f + ": " + e.getMessage());
            }
        }
        checkUnique(out);
        return out;
    }

    static List<Conversation> parse(String json, String source) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new LlmbenchException(source + " is not valid JSON (" + firstLine(e.getMessage()) + "); it must hold one conversation object or an array of them.");
        }
        List<Conversation> out = new ArrayList<>();
        if (root.isJsonObject()) {
            out.add(conversation(root.getAsJsonObject(), source, ""));
        } else if (root.isJsonArray() && !root.getAsJsonArray().isEmpty()) {
            JsonArray a = root.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isJsonObject()) throw bad(source, "[" + i + "]", "is not an object; each element must be a conversation object");
                out.add(conversation(a.get(i).getAsJsonObject(), source, "[" + i + "]."));
            }
        } else {
            throw new LlmbenchException(source + " holds neither a conversation object nor a non-empty array of them.");
        }
        return out;
    }

    private static Conversation conversation(JsonObject o, String source, String at) {
        unknownFields(o, FIELDS, source, at.isEmpty() ? "the conversation" : at.substring(0, at.length() - 1));
        String id = string(o, "id", source, at);
        if (id == null) throw bad(source, at + "id", "is missing; every conversation needs an id (letters, digits, '.', '_', '-')");
        if (!id.matches(NAME)) throw bad(source, at + "id", "'" + id + "' is invalid; use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        String title = string(o, "title", source, at);
        List<String> tags = new ArrayList<>();
        JsonArray tagArray = array(o, "tags", source, at);
        if (tagArray != null) {
            for (int i = 0; i < tagArray.size(); i++) {
                String tag = primitiveString(tagArray.get(i), source, at + "tags[" + i + "]");
                if (!tag.matches("[a-z0-9][a-z0-9._-]{0,31}")) throw bad(source, at + "tags[" + i + "]", "'" + tag + "' is invalid; use lower-case letters, digits, '.', '_' or '-'");
                tags.add(tag);
            }
        }
        int approx = o.has("approx_tokens") ? integer(o.get("approx_tokens"), source, at + "approx_tokens", 1, 10_000_000) : 0;
        Text system = o.has("system") ? text(o.get("system"), source, at + "system") : null;
        Integer maxTokens = o.has("max_tokens") ? integer(o.get("max_tokens"), source, at + "max_tokens", 1, 1_000_000) : null;
        Map<String, Text> documents = new LinkedHashMap<>();
        if (o.has("documents")) {
            if (!o.get("documents").isJsonObject()) throw bad(source, at + "documents", "must be an object of name: text");
            for (Map.Entry<String, JsonElement> d : o.getAsJsonObject("documents").entrySet()) {
                if (!d.getKey().matches(NAME)) throw bad(source, at + "documents." + d.getKey(), "is not a valid document name; use letters, digits, '.', '_' or '-'");
                documents.put(d.getKey(), text(d.getValue(), source, at + "documents." + d.getKey()));
            }
        }
        JsonArray turnArray = array(o, "turns", source, at);
        if (turnArray == null || turnArray.isEmpty()) throw bad(source, at + "turns", "is missing or empty; a conversation needs at least one {\"user\": ...} turn");
        if (turnArray.size() > MAX_TURNS) throw bad(source, at + "turns", "has " + turnArray.size() + " turns; at most " + MAX_TURNS);
        List<Conversation.Turn> turns = new ArrayList<>();
        Set<String> present = new LinkedHashSet<>();
        for (int i = 0; i < turnArray.size(); i++) {
            String where = at + "turns[" + i + "]";
            if (!turnArray.get(i).isJsonObject()) throw bad(source, where, "is not an object; a turn is {\"user\": ...}");
            JsonObject t = turnArray.get(i).getAsJsonObject();
            unknownFields(t, TURN_FIELDS, source, where);
            if (!t.has("user")) throw bad(source, where + ".user", "is missing; every turn needs the user's message");
            Text user = text(t.get("user"), source, where + ".user");
            Integer turnMax = t.has("max_tokens") ? integer(t.get("max_tokens"), source, where + ".max_tokens", 1, 1_000_000) : null;
            List<String> remove = names(t, "remove", source, where);
            for (int r = 0; r < remove.size(); r++) {
                if (!present.remove(remove.get(r))) {
                    throw bad(source, where + ".remove[" + r + "]", "names document '" + remove.get(r) + "', which is not in the history at that turn"
                            + (present.isEmpty() ? " (none is)" : "; present are " + String.join(", ", present)));
                }
            }
            List<String> inject = names(t, "inject", source, where);
            for (int n = 0; n < inject.size(); n++) {
                String doc = inject.get(n);
                if (!documents.containsKey(doc)) {
                    throw bad(source, where + ".inject[" + n + "]", "names document '" + doc + "', which the conversation does not define"
                            + (documents.isEmpty() ? " (it has no \"documents\")" : "; its documents are " + String.join(", ", documents.keySet())));
                }
                if (remove.contains(doc) || !present.add(doc)) throw bad(source, where + ".inject[" + n + "]", "injects document '" + doc + "', which is already in the history");
            }
            turns.add(new Conversation.Turn(user, turnMax, inject, remove));
        }
        return new Conversation(id, title == null ? id : title, List.copyOf(tags), approx, system, maxTokens, documents, List.copyOf(turns), source);
    }

    /** A string, or an array of strings and {"corpus_tokens": N, "seed": S} pieces. */
    private static Text text(JsonElement e, String source, String where) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) return Text.of(e.getAsString());
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw bad(source, where, "must be a string, or an array of strings and {\"corpus_tokens\": N, \"seed\": S} pieces");
        }
        List<Text.Part> parts = new ArrayList<>();
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            JsonElement p = a.get(i);
            String at = where + "[" + i + "]";
            if (p.isJsonPrimitive() && p.getAsJsonPrimitive().isString()) {
                parts.add(new Text.Literal(p.getAsString()));
            } else if (p.isJsonObject()) {
                JsonObject c = p.getAsJsonObject();
                unknownFields(c, PART_FIELDS, source, at);
                if (!c.has("corpus_tokens")) throw bad(source, at + ".corpus_tokens", "is missing; a generated piece is {\"corpus_tokens\": N, \"seed\": S}");
                int tokens = integer(c.get("corpus_tokens"), source, at + ".corpus_tokens", 1, MAX_CORPUS_TOKENS);
                long seed = c.has("seed") ? integer(c.get("seed"), source, at + ".seed", 0, Integer.MAX_VALUE) : 1;
                parts.add(new Text.CorpusTokens(tokens, seed));
            } else {
                throw bad(source, at, "must be a string or a {\"corpus_tokens\": N, \"seed\": S} piece");
            }
        }
        return new Text(List.copyOf(parts));
    }

    private static List<String> names(JsonObject t, String field, String source, String where) {
        JsonArray a = array(t, field, source, where + ".");
        List<String> out = new ArrayList<>();
        if (a == null) return out;
        for (int i = 0; i < a.size(); i++) {
            String n = primitiveString(a.get(i), source, where + "." + field + "[" + i + "]");
            if (out.contains(n)) throw bad(source, where + "." + field + "[" + i + "]", "repeats document '" + n + "'");
            out.add(n);
        }
        return out;
    }

    private static void unknownFields(JsonObject o, List<String> valid, String source, String where) {
        for (String key : o.keySet()) {
            if (!valid.contains(key)) throw new LlmbenchException(source + ": " + where + " has unknown field '" + key + "'; valid fields are " + String.join(", ", valid) + ".");
        }
    }

    private static String string(JsonObject o, String key, String source, String at) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) return null;
        return primitiveString(e, source, at + key);
    }

    private static String primitiveString(JsonElement e, String source, String where) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw bad(source, where, "must be a string");
        return e.getAsString();
    }

    private static JsonArray array(JsonObject o, String key, String source, String at) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) return null;
        if (!e.isJsonArray()) throw bad(source, at + key, "must be an array");
        return e.getAsJsonArray();
    }

    private static int integer(JsonElement e, String source, String where, int min, int max) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            double d = p.getAsDouble();
            if (d == Math.rint(d) && d >= min && d <= max) return (int) d;
        }
        throw bad(source, where, "is " + e + ", which is invalid; give a whole number from " + min + " to " + max);
    }

    private static LlmbenchException bad(String source, String field, String problem) {
        return new LlmbenchException(source + ": " + field + " " + problem + ".");
    }

    private static void checkUnique(List<Conversation> all) {
        Map<String, String> seen = new HashMap<>();
        for (Conversation c : all) {
            String other = seen.putIfAbsent(c.id(), c.source());
            if (other != null) throw new LlmbenchException("Conversation id '" + c.id() + "' appears twice (" + other + " and " + c.source() + "); ids must be unique.");
        }
    }

    private static String resource(String name) {
        try (InputStream in = ConversationFiles.class.getResourceAsStream(name)) {
            if (in == null) throw new LlmbenchException("The shipped conversation " + name + " is missing from the jar (org/llmbench/conversation/); rebuild it.");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read the shipped conversation " + name + ": " + e.getMessage());
        }
    }

    private static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
