package org.llmbench.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** OpenAI's response objects for one request: a whole completion or its stream chunks, text or chat. */
record ResponseShape(String id, long created, String model, boolean chat) {
    private JsonObject envelope(boolean chunk) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("object", chat ? (chunk ? "chat.completion.chunk" : "chat.completion") : "text_completion");
        o.addProperty("created", created);
        o.addProperty("model", model);
        return o;
    }

    private JsonObject choice(String text, String finishReason, boolean chunk, boolean withRole) {
        JsonObject c = new JsonObject();
        c.addProperty("index", 0);
        if (chat) {
            JsonObject message = new JsonObject();
            if (withRole || !chunk) message.addProperty("role", "assistant");
            if (text != null) message.addProperty("content", text);
            c.add(chunk ? "delta" : "message", message);
        } else {
            c.addProperty("text", text == null ? "" : text);
        }
        c.add("logprobs", JsonNull.INSTANCE);
        c.add("finish_reason", finishReason == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(finishReason));
        return c;
    }

    private static JsonObject one(JsonObject o, JsonObject choice) {
        JsonArray a = new JsonArray();
        if (choice != null) a.add(choice);
        o.add("choices", a);
        return o;
    }

    static JsonObject usage(Event.Done d) {
        JsonObject u = new JsonObject();
        u.addProperty("prompt_tokens", d.promptTokens());
        u.addProperty("completion_tokens", d.completionTokens());
        u.addProperty("total_tokens", d.promptTokens() + d.completionTokens());
        JsonObject details = new JsonObject();
        details.addProperty("cached_tokens", d.cachedTokens());
        u.add("prompt_tokens_details", details);
        return u;
    }

    JsonObject whole(String text, Event.Done d) {
        JsonObject o = one(envelope(false), choice(text, d.finishReason(), false, false));
        o.add("usage", usage(d));
        return o;
    }

    /** A chat stream's first chunk: the role, no content yet (as OpenAI and vLLM send it). */
    JsonObject roleChunk(boolean includeUsage) {
        return withNullUsage(one(envelope(true), choice("", null, true, true)), includeUsage);
    }

    JsonObject textChunk(String text, boolean includeUsage) {
        return withNullUsage(one(envelope(true), choice(text, null, true, false)), includeUsage);
    }

    JsonObject finalChunk(String finishReason, boolean includeUsage) {
        return withNullUsage(one(envelope(true), choice(chat ? null : "", finishReason, true, false)), includeUsage);
    }

    /** With stream_options.include_usage: a last chunk with no choices and the usage. */
    JsonObject usageChunk(Event.Done d) {
        JsonObject o = one(envelope(true), null);
        o.add("usage", usage(d));
        return o;
    }

    private static JsonObject withNullUsage(JsonObject o, boolean includeUsage) {
        if (includeUsage) o.add("usage", JsonNull.INSTANCE);
        return o;
    }
}
