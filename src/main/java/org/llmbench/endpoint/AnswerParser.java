package org.llmbench.endpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.Arrays;

/**
 * Reads an OpenAI-style answer, streamed chunk by chunk or whole: content chunks with the time each
 * arrived, the usage the server reports, the finish reason. A content chunk is one whose
 * {@code choices[0].delta.content} (chat), {@code choices[0].text} (completions) or reasoning text is
 * non-empty: a role-only first chunk and the usage-only last chunk are not content, so TTFT counts
 * to the first generated text. Usage in a chunk that also carries content (per-chunk usage) gives
 * that chunk's token count as the rise of completion_tokens.
 */
final class AnswerParser {
    /** The body broke the API's promise: not JSON, no choices, an error event. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    private long[] chunkNanos = new long[64];
    private int[] chunkTokens = new int[64];
    private int chunks;
    private boolean perChunkUsage = true;
    private int lastCompletionTokens;
    int promptTokens = -1, completionTokens = -1, cachedTokens = -1;
    String finishReason = "";
    boolean done;

    /** One SSE event's data, received at {@code nanos}. */
    void onStreamEvent(String data, long nanos) throws MalformedException {
        if (data.strip().equals("[DONE]")) {
            done = true;
            return;
        }
        JsonObject chunk = object(data);
        String text = text(chunk, true);
        readUsageAndFinish(chunk);
        if (!text.isEmpty()) {
            if (chunks == chunkNanos.length) {
                chunkNanos = Arrays.copyOf(chunkNanos, chunks * 2);
                chunkTokens = Arrays.copyOf(chunkTokens, chunks * 2);
            }
            chunkNanos[chunks] = nanos;
            if (completionTokens > lastCompletionTokens) {
                chunkTokens[chunks] = completionTokens - lastCompletionTokens;
                lastCompletionTokens = completionTokens;
            } else {
                perChunkUsage = false;
            }
            chunks++;
        }
    }

    /** A whole (not streamed) answer: no chunk times, only usage, finish reason and whether text came back. */
    void onWholeBody(String body) throws MalformedException {
        JsonObject answer = object(body);
        String text = text(answer, false);
        readUsageAndFinish(answer);
        if (completionTokens < 0 && !text.isEmpty()) chunks = 1; // no usage: at least we know text came back
        done = true;
    }

    int contentChunks() {
        return chunks;
    }

    long[] chunkNanos() {
        return Arrays.copyOf(chunkNanos, chunks);
    }

    /** Per-chunk token counts when every content chunk carried usage; empty otherwise. */
    int[] chunkTokens() {
        return perChunkUsage && chunks > 0 ? Arrays.copyOf(chunkTokens, chunks) : new int[0];
    }

    boolean usageReported() {
        return completionTokens >= 0;
    }

    int outputTokens() {
        return usageReported() ? completionTokens : chunks;
    }

    private static JsonObject object(String json) throws MalformedException {
        JsonElement e;
        try {
            e = JsonParser.parseString(json);
        } catch (JsonParseException | IllegalStateException ex) {
            throw new MalformedException("not JSON: " + abbreviate(json));
        }
        if (!e.isJsonObject()) throw new MalformedException("not a JSON object: " + abbreviate(json));
        JsonObject o = e.getAsJsonObject();
        if (o.has("error")) {
            throw new MalformedException("error in the answer: " + errorMessage(o));
        }
        return o;
    }

    /** The text of choices[0] (delta or message for chat, text for completions); "" when none. */
    private static String text(JsonObject o, boolean streamed) throws MalformedException {
        JsonElement choices = o.get("choices");
        if (choices == null || !choices.isJsonArray()) {
            if (o.has("usage")) return ""; // a usage-only chunk
            throw new MalformedException("no \"choices\" array: " + abbreviate(o.toString()));
        }
        if (choices.getAsJsonArray().isEmpty()) return "";
        JsonElement first = choices.getAsJsonArray().get(0);
        if (!first.isJsonObject()) throw new MalformedException("choices[0] is not an object");
        JsonObject c = first.getAsJsonObject();
        StringBuilder text = new StringBuilder(str(c, "text"));
        JsonElement m = c.get(streamed ? "delta" : "message");
        if (m != null && m.isJsonObject()) {
            JsonObject msg = m.getAsJsonObject();
            text.append(str(msg, "content")).append(str(msg, "reasoning_content")).append(str(msg, "reasoning"));
        }
        return text.toString();
    }

    private void readUsageAndFinish(JsonObject o) {
        JsonElement choices = o.get("choices");
        if (choices != null && choices.isJsonArray() && !choices.getAsJsonArray().isEmpty() && choices.getAsJsonArray().get(0).isJsonObject()) {
            String finish = str(choices.getAsJsonArray().get(0).getAsJsonObject(), "finish_reason");
            if (!finish.isEmpty()) finishReason = finish;
        }
        JsonElement u = o.get("usage");
        if (u != null && u.isJsonObject()) {
            JsonObject usage = u.getAsJsonObject();
            promptTokens = intOr(usage, "prompt_tokens", promptTokens);
            completionTokens = intOr(usage, "completion_tokens", completionTokens);
            JsonElement details = usage.get("prompt_tokens_details");
            if (details != null && details.isJsonObject()) cachedTokens = intOr(details.getAsJsonObject(), "cached_tokens", cachedTokens);
        }
    }

    static String errorMessage(JsonObject o) {
        JsonElement err = o.get("error");
        if (err != null && err.isJsonObject() && err.getAsJsonObject().has("message")) return str(err.getAsJsonObject(), "message");
        if (err != null && err.isJsonPrimitive()) return err.getAsString();
        if (o.has("message")) return str(o, "message");
        if (o.has("detail")) return o.get("detail").toString();
        return abbreviate(o.toString());
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    private static int intOr(JsonObject o, String key, int absent) {
        JsonElement e = o.get(key);
        try {
            return e != null && e.isJsonPrimitive() ? e.getAsInt() : absent;
        } catch (NumberFormatException ex) {
            return absent;
        }
    }

    static String abbreviate(String s) {
        String one = s.strip().replaceAll("[\\r\\n]+", " ");
        return one.length() <= 120 ? one : one.substring(0, 120) + "…";
    }
}
