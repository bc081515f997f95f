package org.llmbench.conversation;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.llmbench.endpoint.ChatClient;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What a server says about itself: the model it serves, its context size (vLLM's and serve's
 * GET /v1/models max_model_len, else llama-server's GET /props n_ctx, which is per slot) and a
 * version string (vLLM's GET /version, llama-server's /props build_info). Absent facts stay null.
 */
public record ServerFacts(String model, Integer contextSize, String contextSource, String version, List<String> notes) {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static ServerFacts ask(ChatClient client, String givenModel) {
        List<String> notes = new java.util.ArrayList<>();
        List<ChatClient.Model> models = List.of();
        try {
            models = client.models(TIMEOUT);
        } catch (IOException e) {
            notes.add("GET /v1/models failed (" + e.getMessage() + ")");
        }
        String model = givenModel != null ? givenModel : models.isEmpty() ? null : models.get(0).id();
        Integer context = null;
        String contextSource = null;
        for (ChatClient.Model m : models) {
            if (m.id().equals(model) && m.maxModelLen() != null) {
                context = m.maxModelLen();
                contextSource = "GET /v1/models max_model_len";
            }
        }
        JsonObject props = json(client, "/props");
        if (context == null && props != null) {
            Integer n = intAt(props, "default_generation_settings", "n_ctx");
            if (n == null) n = intAt(props, null, "n_ctx");
            if (n != null) {
                context = n;
                contextSource = "GET /props n_ctx (llama-server: per slot)";
            }
        }
        String version = null;
        JsonObject v = json(client, "/version");
        if (v != null && v.has("version") && v.get("version").isJsonPrimitive()) version = v.get("version").getAsString();
        if (version == null && props != null && props.has("build_info") && props.get("build_info").isJsonPrimitive()) version = props.get("build_info").getAsString();
        return new ServerFacts(model, context, contextSource, version, notes);
    }

    private static JsonObject json(ChatClient client, String path) {
        try {
            JsonElement e = JsonParser.parseString(client.get(path, TIMEOUT, 1 << 20));
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (IOException | RuntimeException e) {
            return null; // not offered: the fact stays unknown
        }
    }

    private static Integer intAt(JsonObject o, String child, String key) {
        JsonObject in = child == null ? o : o.has(child) && o.get(child).isJsonObject() ? o.getAsJsonObject(child) : null;
        if (in == null || !in.has(key) || !in.get(key).isJsonPrimitive()) return null;
        try {
            return in.get(key).getAsInt();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
