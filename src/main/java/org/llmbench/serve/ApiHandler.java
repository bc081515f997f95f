package org.llmbench.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenAI-compatible HTTP API: GET /health, /metrics, /v1/models; POST /v1/completions and
 * /v1/chat/completions, whole or streamed as server-sent events (one write and flush per event).
 * Each request runs on a Jetty thread that hands the work to the scheduler and waits for its events.
 */
final class ApiHandler extends Handler.Abstract {
    /** Bodies larger than this are refused (413) before they are read whole. */
    static final int MAX_BODY_BYTES = 8 << 20;

    private final Scheduler scheduler;
    private final ServerMetrics metrics;
    private final CompletionRequest.Limits limits;
    private final JsonObject modelCard;
    private final byte[] apiKey; // null: no key required
    private final AtomicInteger inFlight = new AtomicInteger();

    ApiHandler(Scheduler scheduler, ServerMetrics metrics, CompletionRequest.Limits limits, JsonObject modelCard, String apiKey) {
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.limits = limits;
        this.modelCard = modelCard;
        this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    }

    int inFlight() {
        return inFlight.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        inFlight.incrementAndGet();
        int status;
        try {
            status = route(request, response, callback);
        } catch (ApiError e) {
            status = error(response, callback, e);
        } catch (RuntimeException e) {
            status = error(response, callback, new ApiError(500, "Internal error: " + e, null));
        } finally {
            inFlight.decrementAndGet();
        }
        if (Request.getPathInContext(request).startsWith("/v1/")) metrics.request(status);
        return true;
    }

    /** Answers a request; returns its status (for a stream: 200, or 499 if the client left, or the status of the error that ended it). */
    private int route(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request), method = request.getMethod();
        switch (path) {
            case "/health" -> {
                requireMethod(method, "GET");
                boolean up = scheduler.alive();
                return json(response, callback, up ? 200 : 503, object("status", up ? "ok" : "unavailable"));
            }
            case "/metrics" -> {
                requireMethod(method, "GET");
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
                response.write(true, ByteBuffer.wrap(metrics.scrape()), callback);
                return 200;
            }
            case "/v1/models" -> {
                requireMethod(method, "GET");
                authorize(request);
                JsonObject list = object("object", "list");
                JsonArray data = new JsonArray();
                data.add(modelCard);
                list.add("data", data);
                return json(response, callback, 200, list);
            }
            case "/v1/completions", "/v1/chat/completions" -> {
                requireMethod(method, "POST");
                authorize(request);
                return complete(request, response, callback, path.equals("/v1/chat/completions"));
            }
            default -> throw new ApiError(404, "There is no " + path + " here; the API has /health, /metrics, /v1/models, /v1/completions and /v1/chat/completions.",
                    null, "invalid_request_error", "not_found");
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) throw new ApiError(405, "Method " + method + " is not allowed here; use " + allowed + ".", null);
    }

    /** With a key configured, /v1 needs "Authorization: Bearer KEY"; the key is compared in constant time and never echoed. */
    private void authorize(Request request) {
        if (apiKey == null) return;
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, apiKey)) {
            throw new ApiError(401, header == null ? "No API key was sent; send the header Authorization: Bearer <key>." : "The API key is wrong.",
                    null, "invalid_request_error", "invalid_api_key");
        }
    }

    private int complete(Request request, Response response, Callback callback, boolean chat) {
        JsonObject body = body(request);
        CompletionRequest r = CompletionRequest.parse(body, chat, limits);
        Generation s = new Generation(r.prompt(), r.params(), limits.tokenizer());
        if (!scheduler.submit(s)) {
            throw new ApiError(503, scheduler.alive() ? "The server is busy: all " + scheduler.slots() + " slots and the queue are taken; retry later."
                    : "The server is shutting down.", null, "server_error", "overloaded");
        }
        request.addFailureListener(t -> s.cancel()); // the connection failed or closed: give the slot back
        String id = (chat ? "chatcmpl-" : "cmpl-") + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        long created = System.currentTimeMillis() / 1000;
        ResponseShape shape = new ResponseShape(id, created, limits.modelIds().get(0), chat);
        return r.stream() ? stream(response, callback, s, shape, r.includeUsage()) : whole(response, callback, s, shape);
    }

    /** The next event, or a failure if the scheduler ended without sending one (nothing waits forever). */
    private Event next(Generation s) {
        try {
            while (true) {
                Event e = s.events.poll(250, TimeUnit.MILLISECONDS);
                if (e != null) return e;
                if (!scheduler.alive() && s.events.isEmpty()) return new Event.Failed(503, "The server is shutting down.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.cancel();
            return new Event.Failed(503, "The server is shutting down.");
        }
    }

    private int whole(Response response, Callback callback, Generation s, ResponseShape shape) {
        StringBuilder text = new StringBuilder();
        while (true) {
            Event e = next(s);
            if (e instanceof Event.Text t) {
                text.append(t.text());
            } else if (e instanceof Event.Done d) {
                return json(response, callback, 200, shape.whole(text.toString(), d));
            } else if (e instanceof Event.Failed f) {
                throw new ApiError(f.status(), f.message(), null);
            }
        }
    }

    private int stream(Response response, Callback callback, Generation s, ResponseShape shape, boolean includeUsage) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        try {
            if (shape.chat()) send(response, shape.roleChunk(includeUsage), false);
            while (true) {
                Event e = next(s);
                if (e instanceof Event.Text t) {
                    send(response, shape.textChunk(t.text(), includeUsage), false);
                } else if (e instanceof Event.Done d) {
                    send(response, shape.finalChunk(d.finishReason(), includeUsage), false);
                    if (includeUsage) send(response, shape.usageChunk(d), false);
                    write(response, "data: [DONE]\n\n", true);
                    callback.succeeded();
                    return 200;
                } else if (e instanceof Event.Failed f) { // headers are sent: the error goes in the stream
                    JsonObject err = errorObject(new ApiError(f.status(), f.message(), null));
                    write(response, "data: " + err + "\n\n", true);
                    callback.succeeded();
                    return f.status();
                }
            }
        } catch (IOException e) { // the client went away
            s.cancel();
            callback.failed(e);
            return 499;
        }
    }

    private static void send(Response response, JsonObject chunk, boolean last) throws IOException {
        write(response, "data: " + chunk + "\n\n", last);
    }

    /** Writes and flushes one piece, waiting until it is handed to the network. */
    private static void write(Response response, String text, boolean last) throws IOException {
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), cb);
            cb.block();
        }
    }

    /** The JSON body, refused with 413 past {@link #MAX_BODY_BYTES} (by its Content-Length before reading, else while reading). */
    private static JsonObject body(Request request) {
        long declared = request.getLength();
        if (declared > MAX_BODY_BYTES) throw tooLarge(declared + " bytes");
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, MAX_BODY_BYTES)));
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] buf = new byte[16384];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (out.size() + n > MAX_BODY_BYTES) throw tooLarge("more than " + MAX_BODY_BYTES + " bytes");
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new ApiError(400, "The request body could not be read: " + e.getMessage(), null);
        }
        JsonElement e;
        try {
            e = JsonParser.parseString(out.toString(StandardCharsets.UTF_8));
        } catch (JsonParseException | IllegalStateException ex) {
            throw new ApiError(400, "The body is not valid JSON: " + firstLine(ex.getMessage()), null);
        }
        if (!e.isJsonObject()) throw new ApiError(400, "The body must be a JSON object; got " + (e.isJsonNull() ? "nothing" : e.isJsonArray() ? "an array" : "a " + e.getClass().getSimpleName().replace("Json", "").toLowerCase(Locale.ROOT)) + ".", null);
        return e.getAsJsonObject();
    }

    private static ApiError tooLarge(String size) {
        return new ApiError(413, "The request body is " + size + "; this server takes at most " + MAX_BODY_BYTES + " bytes.", null);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        String line = s.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private int error(Response response, Callback callback, ApiError e) {
        if (response.isCommitted()) { // too late for a status: end the stream
            callback.failed(e);
            return e.status;
        }
        return json(response, callback, e.status, errorObject(e));
    }

    static JsonObject errorObject(ApiError e) {
        JsonObject err = new JsonObject();
        err.addProperty("message", e.getMessage());
        err.addProperty("type", e.type);
        err.add("param", e.param == null ? com.google.gson.JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(e.param));
        err.add("code", e.code == null ? com.google.gson.JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(e.code));
        JsonObject o = new JsonObject();
        o.add("error", err);
        return o;
    }

    private static int json(Response response, Callback callback, int status, JsonObject body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
        return status;
    }

    private static JsonObject object(String key, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(key, value);
        return o;
    }
}
