package org.llmbench.endpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An OpenAI-compatible test server on 127.0.0.1 with chunk timing we control and every fault the
 * endpoint client must survive. {@code /v1/...} answers by the script; {@code /fault/NAME/v1/...}
 * answers with that fault. It streams like vLLM: a role-only first chunk, content chunks, a
 * usage-only chunk when asked for, then [DONE].
 */
final class SseTestServer implements AutoCloseable {
    static {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // no Nagle delay on our small chunks
    }

    /**
     * @param ttftMs          delay before the first content chunk
     * @param gapMs           delay between content chunks
     * @param chunks          content chunks per answer (fewer when max_tokens stops it)
     * @param tokensPerChunk  tokens each chunk stands for in usage
     * @param usage           send usage when the client asks for it (stream_options.include_usage)
     */
    record Script(long ttftMs, long gapMs, int chunks, int tokensPerChunk, boolean usage) {
        static final Script INSTANT = new Script(0, 0, 8, 1, true);
    }

    enum Fault { UNAUTHORIZED, NOT_FOUND, SERVER_ERROR, MALFORMED, CLOSE_MID_STREAM, CUT_CONNECTION, NEVER_ANSWER, GARBAGE }

    static final int GARBAGE_BYTES = 20_000_000;

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sse-test-server");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Script script;
    final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Generation requests being answered now, and the most there ever were at once. */
    final AtomicInteger inFlight = new AtomicInteger(), maxInFlight = new AtomicInteger();

    SseTestServer(Script script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url(Fault fault) {
        return url() + "/fault/" + fault.name().toLowerCase(Locale.ROOT);
    }

    /** A URL where nothing listens. */
    static String unreachableUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Fault fault = null;
            if (path.startsWith("/fault/")) {
                String rest = path.substring("/fault/".length());
                fault = Fault.valueOf(rest.substring(0, rest.indexOf('/')).toUpperCase(Locale.ROOT));
                path = rest.substring(rest.indexOf('/'));
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) authorizations.add(auth);
            if (path.equals("/v1/models")) {
                json(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"test-model\",\"object\":\"model\",\"max_model_len\":4096}]}");
                return;
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonObject request = JsonParser.parseString(body).getAsJsonObject();
            bodies.add(request);
            boolean chat = path.equals("/v1/chat/completions");
            if (!chat && !path.equals("/v1/completions")) {
                json(ex, 404, "{\"error\":{\"message\":\"no route " + path + "\",\"type\":\"not_found\",\"code\":404}}");
                return;
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (fault != null) fault(ex, fault, chat);
                else answer(ex, request, chat);
            } finally {
                inFlight.decrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (timeouts, size bounds): nothing to answer
        }
    }

    private void answer(HttpExchange ex, JsonObject request, boolean chat) throws IOException {
        int maxTokens = request.has("max_tokens") ? request.get("max_tokens").getAsInt() : Integer.MAX_VALUE;
        int chunks = Math.min(script.chunks(), (maxTokens + script.tokensPerChunk() - 1) / script.tokensPerChunk());
        String finish = chunks < script.chunks() ? "length" : "stop";
        int promptTokens = promptTokens(request, chat);
        int completion = chunks * script.tokensPerChunk();
        boolean stream = request.has("stream") && request.get("stream").getAsBoolean();
        if (!stream) {
            sleep(script.ttftMs() + script.gapMs() * Math.max(0, chunks - 1));
            String text = "tok ".repeat(completion);
            json(ex, 200, "{\"object\":\"" + (chat ? "chat.completion" : "text_completion") + "\",\"choices\":[{\"index\":0,"
                    + (chat ? "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"}" : "\"text\":\"" + text + "\"")
                    + ",\"finish_reason\":\"" + finish + "\"}],\"usage\":" + usage(promptTokens, completion) + "}");
            return;
        }
        OutputStream out = sse(ex, 0);
        if (chat) event(out, chunk(true, "{\"role\":\"assistant\"}", null));
        long start = System.nanoTime();
        for (int i = 0; i < chunks; i++) {
            sleepUntil(start + TimeUnit.MILLISECONDS.toNanos(script.ttftMs() + i * script.gapMs()));
            String text = "tok ".repeat(script.tokensPerChunk());
            event(out, chat ? chunk(true, "{\"content\":\"" + text + "\"}", i == chunks - 1 ? finish : null)
                    : chunk(false, "\"" + text + "\"", i == chunks - 1 ? finish : null));
        }
        boolean include = request.has("stream_options") && request.getAsJsonObject("stream_options").has("include_usage");
        if (script.usage() && include) event(out, "{\"choices\":[],\"usage\":" + usage(promptTokens, completion) + "}");
        event(out, "[DONE]");
    }

    private void fault(HttpExchange ex, Fault fault, boolean chat) throws IOException {
        switch (fault) {
            case UNAUTHORIZED -> json(ex, 401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                    + ex.getRequestHeaders().getFirst("Authorization") + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
            case NOT_FOUND -> json(ex, 404, "{\"error\":{\"message\":\"The model does not exist\",\"type\":\"NotFoundError\",\"code\":404}}");
            case SERVER_ERROR -> {
                byte[] b = "Internal Server Error\n\tat some.Stack.trace(Server.java:1)\n".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/plain");
                ex.sendResponseHeaders(500, b.length);
                ex.getResponseBody().write(b);
            }
            case MALFORMED -> {
                OutputStream out = sse(ex, 0);
                event(out, chunk(chat, chat ? "{\"content\":\"ok \"}" : "\"ok \"", null));
                event(out, "{\"choices\": [ {\"delta\": broken");
                event(out, "[DONE]");
            }
            case CLOSE_MID_STREAM -> {
                OutputStream out = sse(ex, 0);
                for (int i = 0; i < 3; i++) event(out, chunk(chat, chat ? "{\"content\":\"tok \"}" : "\"tok \"", null));
            }
            case CUT_CONNECTION -> {
                OutputStream out = sse(ex, 1 << 20); // promises a megabyte, sends a few chunks, hangs up
                for (int i = 0; i < 3; i++) event(out, chunk(chat, chat ? "{\"content\":\"tok \"}" : "\"tok \"", null));
                throw new IOException("cut"); // the exchange closes with bytes missing: the connection is dropped
            }
            case NEVER_ANSWER -> {
                try {
                    closing.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case GARBAGE -> {
                OutputStream out = sse(ex, 0);
                Random random = new Random(7);
                byte[] block = new byte[64 << 10];
                for (int sent = 0; sent < GARBAGE_BYTES; sent += block.length) {
                    random.nextBytes(block);
                    out.write(block);
                }
                out.flush();
            }
        }
    }

    private static String chunk(boolean chat, String delta, String finish) {
        String f = finish == null ? "null" : "\"" + finish + "\"";
        return chat ? "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + f + "}]}"
                : "{\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":" + delta + ",\"finish_reason\":" + f + "}]}";
    }

    private static String usage(int prompt, int completion) {
        return "{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}";
    }

    private static int promptTokens(JsonObject request, boolean chat) {
        if (chat) {
            JsonArray messages = request.getAsJsonArray("messages");
            return words(messages.get(0).getAsJsonObject().get("content").getAsString());
        }
        JsonElement p = request.get("prompt");
        return p.isJsonArray() ? p.getAsJsonArray().size() : words(p.getAsString());
    }

    private static int words(String s) {
        return s.isBlank() ? 0 : s.trim().split("\\s+").length;
    }

    private static OutputStream sse(HttpExchange ex, long length) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, length);
        return ex.getResponseBody();
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static void sleep(long ms) {
        sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms));
    }

    private static void sleepUntil(long deadline) {
        for (long left; (left = deadline - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
    }
}
