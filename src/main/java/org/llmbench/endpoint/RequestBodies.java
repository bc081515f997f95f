package org.llmbench.endpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The JSON body of one generation request, for the chat or the completions API. */
final class RequestBodies {
    private RequestBodies() {
    }

    static String of(Target target, Prompt prompt, GenerationOptions o) {
        JsonObject b = new JsonObject();
        b.addProperty("model", target.model() == null ? "default" : target.model());
        if (target.api() == Api.CHAT) {
            JsonObject message = new JsonObject();
            message.addProperty("role", "user");
            message.addProperty("content", prompt.text());
            JsonArray messages = new JsonArray();
            messages.add(message);
            b.add("messages", messages);
        } else if (prompt.tokenIds() != null && target.tokenIds()) {
            JsonArray ids = new JsonArray(prompt.tokenIds().length);
            for (int id : prompt.tokenIds()) ids.add(id);
            b.add("prompt", ids);
        } else {
            b.addProperty("prompt", prompt.text());
        }
        return finish(b, prompt.maxTokens() > 0 ? prompt.maxTokens() : o.maxTokens(), o);
    }

    /** A chat request carrying a whole message history. */
    static String chat(Target target, java.util.List<ChatMessage> history, int maxTokens, GenerationOptions o) {
        JsonObject b = new JsonObject();
        b.addProperty("model", target.model() == null ? "default" : target.model());
        JsonArray messages = new JsonArray(history.size());
        for (ChatMessage m : history) {
            JsonObject message = new JsonObject();
            message.addProperty("role", m.role());
            message.addProperty("content", m.content());
            messages.add(message);
        }
        b.add("messages", messages);
        return finish(b, maxTokens > 0 ? maxTokens : o.maxTokens(), o);
    }

    private static String finish(JsonObject b, int maxTokens, GenerationOptions o) {
        b.addProperty("max_tokens", maxTokens);
        b.addProperty("stream", o.stream());
        if (o.stream()) {
            JsonObject streamOptions = new JsonObject();
            streamOptions.addProperty("include_usage", true); // OpenAI and vLLM send usage only when asked
            b.add("stream_options", streamOptions);
        }
        if (Double.isFinite(o.temperature())) b.addProperty("temperature", o.temperature());
        if (o.seed() != null) b.addProperty("seed", o.seed());
        if (o.ignoreEos()) b.addProperty("ignore_eos", true);
        return b.toString();
    }
}
