package org.llmbench.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.llmbench.tokenizer.Tokenizer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A checked POST /v1/completions or /v1/chat/completions body: the prompt as token ids and how to
 * generate. Every bad field is an {@link ApiError} (400) naming the field and what is valid.
 */
record CompletionRequest(boolean chat, int[] prompt, GenerationParams params, boolean stream, boolean includeUsage) {
    /** Completions default to 16 new tokens, as OpenAI's legacy endpoint; chat to what the context leaves. */
    static final int COMPLETIONS_DEFAULT_MAX_TOKENS = 16;
    static final int MAX_STOP_STRINGS = 4;

    /** What a request is checked against. */
    record Limits(Tokenizer tokenizer, ChatTemplate template, int vocab, int context, List<String> modelIds) {
    }

    static CompletionRequest parse(JsonObject body, boolean chat, Limits limits) {
        String model = string(body, "model");
        if (model != null && !limits.modelIds().contains(model)) {
            throw new ApiError(404, "The model " + shown(body.get("model")) + " does not exist; this server serves '" + limits.modelIds().get(0) + "'.",
                    "model", "invalid_request_error", "model_not_found");
        }
        Long n = integer(body, "n");
        if (n != null && n != 1) throw new ApiError(400, "n " + n + " is not supported; this server returns one choice (n = 1).", "n");
        int[] prompt = chat ? chatPrompt(body, limits) : completionPrompt(body, limits);
        if (prompt.length == 0) throw new ApiError(400, "The prompt is empty; give at least one token.", chat ? "messages" : "prompt");
        String maxKey = chat && present(body, "max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        Long max = integer(body, maxKey);
        if (max != null && max < 1) throw new ApiError(400, maxKey + " must be at least 1; got " + max + ".", maxKey);
        if (max == null && prompt.length >= limits.context()) {
            throw new ApiError(400, "The prompt has " + prompt.length + " tokens, which leaves no room in the context of " + limits.context()
                    + " tokens; shorten it.", chat ? "messages" : "prompt");
        }
        long maxTokens = max != null ? max : chat ? limits.context() - prompt.length : Math.min(COMPLETIONS_DEFAULT_MAX_TOKENS, limits.context() - prompt.length);
        if (maxTokens > limits.context() - prompt.length) {
            String total = maxTokens > Long.MAX_VALUE - prompt.length ? "more than " + Long.MAX_VALUE : Long.toString(prompt.length + maxTokens);
            throw new ApiError(400, "The prompt's " + prompt.length + " tokens plus " + maxKey + " " + maxTokens + " come to " + total
                    + " tokens, more than the context of " + limits.context() + " tokens; shorten the prompt or lower " + maxKey + ".", maxKey);
        }
        double temperature = number(body, "temperature", 1.0);
        if (!(temperature >= 0 && temperature <= 2)) throw new ApiError(400, "temperature must be between 0 and 2; got " + temperature + ".", "temperature");
        double topP = number(body, "top_p", 1.0);
        if (!(topP > 0 && topP <= 1)) throw new ApiError(400, "top_p must be above 0 and at most 1; got " + topP + ".", "top_p");
        Long seed = integer(body, "seed");
        boolean ignoreEos = bool(body, "ignore_eos", false);
        boolean stream = bool(body, "stream", false);
        boolean includeUsage = false;
        JsonElement options = body.get("stream_options");
        if (options != null && !options.isJsonNull()) {
            if (!options.isJsonObject()) throw new ApiError(400, "stream_options must be an object such as {\"include_usage\": true}; got " + shown(options) + ".", "stream_options");
            includeUsage = bool(options.getAsJsonObject(), "include_usage", false);
        }
        GenerationParams params = new GenerationParams((int) maxTokens, (float) temperature, (float) topP,
                seed != null ? seed : ThreadLocalRandom.current().nextLong(), stops(body), ignoreEos);
        return new CompletionRequest(chat, prompt, params, stream, includeUsage);
    }

    private static int[] completionPrompt(JsonObject body, Limits limits) {
        JsonElement p = body.get("prompt");
        if (p == null || p.isJsonNull()) throw new ApiError(400, "prompt is missing; give a string or an array of token ids.", "prompt");
        if (p.isJsonArray() && p.getAsJsonArray().size() == 1 && !isNumber(p.getAsJsonArray().get(0))) p = p.getAsJsonArray().get(0); // one prompt in a list
        if (p.isJsonPrimitive() && p.getAsJsonPrimitive().isString()) return limits.tokenizer().encodePrompt(p.getAsString());
        if (p.isJsonArray()) {
            JsonArray a = p.getAsJsonArray();
            int[] ids = new int[a.size()];
            for (int i = 0; i < ids.length; i++) {
                JsonElement e = a.get(i);
                if (!isNumber(e)) throw new ApiError(400, "prompt must be a string or an array of token ids (one prompt per request); element " + i + " is " + shown(e) + ".", "prompt");
                long id = integral(e, "prompt");
                if (id < 0 || id >= limits.vocab()) {
                    throw new ApiError(400, "Token id " + id + " in prompt is outside the vocabulary; valid ids are 0 to " + (limits.vocab() - 1) + ".", "prompt");
                }
                ids[i] = (int) id;
            }
            return ids; // used exactly as given: no BOS
        }
        throw new ApiError(400, "prompt must be a string or an array of token ids; got " + shown(p) + ".", "prompt");
    }

    private static int[] chatPrompt(JsonObject body, Limits limits) {
        JsonElement m = body.get("messages");
        if (m == null || !m.isJsonArray() || m.getAsJsonArray().isEmpty()) {
            throw new ApiError(400, "messages must be a non-empty array of {\"role\", \"content\"} objects.", "messages");
        }
        List<ChatTemplate.Message> messages = new ArrayList<>();
        for (JsonElement e : m.getAsJsonArray()) {
            if (!e.isJsonObject()) throw new ApiError(400, "Each message must be an object with role and content; got " + shown(e) + ".", "messages");
            JsonObject o = e.getAsJsonObject();
            String role = string(o, "role");
            if (role == null) throw new ApiError(400, "A message has no role; give \"system\", \"user\" or \"assistant\".", "messages");
            messages.add(new ChatTemplate.Message(role, content(o.get("content"))));
        }
        Tokenizer t = limits.tokenizer();
        String text = limits.template().render(messages, t.bos() >= 0 ? t.text(t.bos()) : "", t.eos() >= 0 ? t.text(t.eos()) : "");
        int[] ids = t.encodePrompt(text);
        for (int id : ids) {
            if (id >= limits.vocab()) throw new ApiError(400, "The rendered chat has token id " + id + ", outside the model's vocabulary of " + limits.vocab() + ".", "messages");
        }
        return ids;
    }

    /** A message's content: a string, or OpenAI's list of parts, of which the text parts are joined. */
    private static String content(JsonElement c) {
        if (c == null || c.isJsonNull()) return "";
        if (c.isJsonPrimitive() && c.getAsJsonPrimitive().isString()) return c.getAsString();
        if (c.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement part : c.getAsJsonArray()) {
                if (!part.isJsonObject() || !"text".equals(string(part.getAsJsonObject(), "type"))) {
                    throw new ApiError(400, "Message content parts must be {\"type\": \"text\", \"text\": ...}; got " + shown(part) + ".", "messages");
                }
                String text = string(part.getAsJsonObject(), "text");
                sb.append(text == null ? "" : text);
            }
            return sb.toString();
        }
        throw new ApiError(400, "A message's content must be a string or a list of text parts; got " + shown(c) + ".", "messages");
    }

    private static List<String> stops(JsonObject body) {
        JsonElement s = body.get("stop");
        List<String> out = new ArrayList<>();
        if (s == null || s.isJsonNull()) return out;
        if (s.isJsonPrimitive() && s.getAsJsonPrimitive().isString()) {
            s = wrap(s);
        }
        if (!s.isJsonArray() || s.getAsJsonArray().size() > MAX_STOP_STRINGS) {
            throw new ApiError(400, "stop must be a string or an array of up to " + MAX_STOP_STRINGS + " strings; got " + shown(s) + ".", "stop");
        }
        for (JsonElement e : s.getAsJsonArray()) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isEmpty()) {
                throw new ApiError(400, "stop must hold non-empty strings; got " + shown(e) + ".", "stop");
            }
            out.add(e.getAsString());
        }
        return out;
    }

    /** A bad value as the error shows it: its JSON, cut short (a request may be megabytes). */
    private static String shown(JsonElement e) {
        String s = e.toString();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static JsonArray wrap(JsonElement e) {
        JsonArray a = new JsonArray();
        a.add(e);
        return a;
    }

    private static boolean present(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull();
    }

    private static boolean isNumber(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
    }

    private static String string(JsonObject o, String key) {
        if (!present(o, key)) return null;
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw new ApiError(400, key + " must be a string; got " + shown(e) + ".", key);
        return e.getAsString();
    }

    private static Long integer(JsonObject o, String key) {
        if (!present(o, key)) return null;
        JsonElement e = o.get(key);
        if (!isNumber(e)) throw new ApiError(400, key + " must be an integer; got " + shown(e) + ".", key);
        return integral(e, key);
    }

    /** An integral JSON number; one beyond the long range saturates (it is too large for any limit anyway). */
    private static long integral(JsonElement e, String key) {
        BigDecimal d;
        try {
            d = e.getAsBigDecimal();
        } catch (NumberFormatException ex) {
            throw new ApiError(400, key + " must be an integer; got " + shown(e) + ".", key);
        }
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) throw new ApiError(400, key + " must be an integer; got " + shown(e) + ".", key);
        if (d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) return Long.MAX_VALUE;
        if (d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) return Long.MIN_VALUE;
        return d.longValue();
    }

    private static double number(JsonObject o, String key, double dflt) {
        if (!present(o, key)) return dflt;
        JsonElement e = o.get(key);
        if (!isNumber(e)) throw new ApiError(400, key + " must be a number; got " + shown(e) + ".", key);
        return e.getAsDouble();
    }

    private static boolean bool(JsonObject o, String key, boolean dflt) {
        if (!present(o, key)) return dflt;
        JsonElement e = o.get(key);
        if (!(e instanceof JsonPrimitive p) || !p.isBoolean()) throw new ApiError(400, key + " must be true or false; got " + shown(e) + ".", key);
        return p.getAsBoolean();
    }
}
