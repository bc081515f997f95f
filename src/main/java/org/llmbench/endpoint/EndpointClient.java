package org.llmbench.endpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.llmbench.results.RequestErrorClass;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Talks to one endpoint with java.net.http (HTTP/1.1, keep-alive): generation requests whose future
 * always completes normally, with an answer or a failure class, by the timeout at the latest; and
 * GET /v1/models. The API key lives only here, in the Authorization header; every message that
 * leaves passes the {@link Redactor}.
 */
final class EndpointClient implements AutoCloseable {
    private final Target target;
    private final GenerationOptions options;
    private final String apiKey;
    private final Redactor redactor;
    private final HttpClient http;
    private final ScheduledExecutorService watchdog;

    EndpointClient(Target target, GenerationOptions options, Function<String, String> environment) {
        this.target = target;
        this.options = options;
        this.apiKey = target.apiKey(environment);
        List<String> secrets = new ArrayList<>(target.headers().values());
        secrets.add(apiKey);
        this.redactor = new Redactor(secrets);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmbench-timeout-" + target.name());
            t.setDaemon(true);
            return t;
        });
    }

    Target target() {
        return target;
    }

    Redactor redactor() {
        return redactor;
    }

    /** Sends one generation request now. The future completes normally: an answer, or a failure with its class. */
    CompletableFuture<Exchange.Outcome> send(Prompt prompt) {
        HttpRequest request;
        try {
            request = request(target.api().path, options.timeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", options.stream() ? "text/event-stream" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(RequestBodies.of(target, prompt, options))).build();
        } catch (IllegalArgumentException e) {
            Exchange failed = new Exchange(System.nanoTime(), options, redactor);
            failed.fail(RequestErrorClass.CLIENT, "the request could not be built: " + e.getMessage());
            return failed.result;
        }
        long sent = System.nanoTime();
        Exchange exchange = new Exchange(sent, options, redactor);
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, exchange);
        response.whenComplete((r, error) -> {
            if (error != null) exchange.fail(Failures.classify(error, exchange.status() != 0), Failures.firstLine(error));
        });
        var timer = watchdog.schedule(() -> {
            exchange.fail(RequestErrorClass.TIMEOUT, "no complete answer within " + seconds(options.timeout())); // no-op after [DONE]
            if (!response.isDone()) { // a body that goes on after [DONE], or never began: cut it off
                exchange.cancel();
                response.cancel(true);
            }
        }, options.timeout().toNanos(), TimeUnit.NANOSECONDS);
        response.whenComplete((r, e) -> timer.cancel(false)); // the body was read to its end: the connection is free again
        return exchange.result;
    }

    /** A model GET /v1/models lists; {@code maxModelLen} is vLLM's context length, null where the server gives none. */
    record Model(String id, String maxModelLen) {
    }

    /** The models GET /v1/models lists, or why there are none (an IOException whose message is one redacted line). */
    List<Model> models(Duration timeout) throws IOException {
        HttpRequest request = request("/v1/models", timeout).GET().build();
        Thread reader = Thread.currentThread();
        var deadline = watchdog.schedule(reader::interrupt, timeout.toNanos(), TimeUnit.NANOSECONDS); // a body that stalls
        HttpResponse<InputStream> response;
        String body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8); // a model list is small; never hold more
            }
        } catch (InterruptedException e) {
            throw new IOException("no answer within " + seconds(timeout));
        } catch (IOException e) {
            throw new IOException(Thread.currentThread().isInterrupted() ? "no answer within " + seconds(timeout) : redactor.clean(Failures.firstLine(e)));
        } finally {
            deadline.cancel(false);
            Thread.interrupted(); // clear a deadline that fired late
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(redactor.clean("HTTP " + response.statusCode() + ": " + Failures.errorBody(body)));
        }
        List<Model> ids = new ArrayList<>();
        try {
            JsonElement root = JsonParser.parseString(body);
            for (JsonElement m : root.getAsJsonObject().getAsJsonArray("data")) {
                JsonObject o = m.getAsJsonObject();
                ids.add(new Model(o.get("id").getAsString(), o.has("max_model_len") ? o.get("max_model_len").getAsString() : null));
            }
        } catch (RuntimeException e) {
            throw new IOException("GET /v1/models did not return {\"data\": [{\"id\": ...}]}");
        }
        return ids;
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.uri(path)).timeout(timeout);
        if (!apiKey.isEmpty()) b.header("Authorization", "Bearer " + apiKey);
        target.headers().forEach(b::header);
        return b;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
