package org.llmbench.serve;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small HTTP client for tests: JSON requests, whole responses, and server-sent events read line by line. */
final class Http {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    record Reply(int status, String body) {
        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        JsonObject error() {
            return json().getAsJsonObject("error");
        }
    }

    private final String base;
    private final String key;

    Http(String base) {
        this(base, null);
    }

    Http(String base, String key) {
        this.base = base;
        this.key = key;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (key != null) b.header("Authorization", "Bearer " + key);
        return b;
    }

    Reply get(String path) {
        return send(request(path).GET().build());
    }

    Reply post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static Reply send(HttpRequest r) {
        try {
            HttpResponse<String> resp = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
            return new Reply(resp.statusCode(), resp.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a streaming request and returns the data of every event, in order ("[DONE]" included). */
    List<String> events(String path, String body) {
        Reply r = post(path, body);
        if (r.status() != 200) throw new AssertionError("status " + r.status() + ": " + r.body());
        List<String> data = new ArrayList<>();
        for (String block : r.body().split("\n\n")) {
            if (block.isBlank()) continue;
            if (!block.startsWith("data: ") || block.contains("\n")) throw new AssertionError("not one data line: " + block);
            data.add(block.substring(6));
        }
        return data;
    }

    /** The value of an unlabelled Prometheus sample (or one with these labels), or NaN. */
    double metric(String sample) {
        for (String line : get("/metrics").body().split("\n")) {
            if (line.startsWith(sample + " ")) return Double.parseDouble(line.substring(sample.length() + 1).trim());
        }
        return Double.NaN;
    }
}
