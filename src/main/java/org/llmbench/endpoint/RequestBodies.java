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
        b.addProperty("max_tokens", prompt.maxTokens() > 0 ? prompt.maxTokens() : o.maxTokens());
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
