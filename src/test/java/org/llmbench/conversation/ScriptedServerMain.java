package org.llmbench.conversation;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenAI-style chat server run as a child process by tests: GET /health, GET /v1/models
 * (one model, max_model_len 4096), streamed chat answers with usage (prompt tokens = bytes of the
 * messages' contents). Args: PORT CRASH_AFTER EXIT_CODE: after CRASH_AFTER chat requests (0 =
 * never) the next one makes it print a last line to stderr and exit with EXIT_CODE mid-request.
 */
public final class ScriptedServerMain {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]), crashAfter = Integer.parseInt(args[1]), exitCode = Integer.parseInt(args[2]);
        AtomicInteger chats = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/health", x -> send(x, 200, "application/json", "{\"status\":\"ok\"}"));
        server.createContext("/v1/models", x -> send(x, 200, "application/json", "{\"data\":[{\"id\":\"scripted\",\"max_model_len\":4096}]}"));
        server.createContext("/v1/chat/completions", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (crashAfter > 0 && chats.incrementAndGet() > crashAfter) {
                System.err.println("fatal: scripted crash after " + crashAfter + " chat requests");
                System.err.flush();
                Runtime.getRuntime().halt(exitCode);
            }
            int promptTokens = 0;
            for (JsonElement m : JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("messages")) {
                promptTokens += m.getAsJsonObject().get("content").getAsString().getBytes(StandardCharsets.UTF_8).length;
            }
            String id = "\"id\":\"c\",\"object\":\"chat.completion.chunk\"";
            send(x, 200, "text/event-stream",
                    "data: {" + id + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"
                            + "data: {" + id + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"o\"},\"finish_reason\":null}]}\n\n"
                            + "data: {" + id + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"k\"},\"finish_reason\":\"length\"}]}\n\n"
                            + "data: {" + id + ",\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":2,"
                            + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}\n\ndata: [DONE]\n\n");
        });
        server.start();
        System.out.println("scripted server listening on " + port);
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }
}
