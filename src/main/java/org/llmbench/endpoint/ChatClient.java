package org.llmbench.endpoint;

import org.llmbench.results.RequestRecord;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The endpoint client as a conversation uses it: one chat request at a time carrying the whole
 * message history, answered with the assistant's text and the request's {@link RequestRecord}
 * (the same HTTP client, SSE parsing, timeouts, failure classes and redaction as the load
 * generator), plus the GETs that ask a server about itself.
 */
public final class ChatClient implements AutoCloseable {
    /**
     * What came back.
     *
     * @param text                the assistant's content ("" on failure)
     * @param timingsPromptTokens llama.cpp's timings.prompt_n (prompt tokens it evaluated), -1 when absent
     * @param timingsCachedTokens llama.cpp's timings.cache_n (prompt tokens it took from its cache), -1 when absent
     */
    public record Reply(RequestRecord record, String text, int timingsPromptTokens, int timingsCachedTokens) {
    }

    /** A model GET /v1/models lists, with the context length it states (vLLM's and serve's max_model_len), null where none. */
    public record Model(String id, Integer maxModelLen) {
    }

    /** Who a request is about, as its record names it. */
    public record Label(String endpoint, String mode, String level, int index, String promptId, String length, String complexity, String category) {
    }

    private final EndpointClient client;
    private final long originNanos;

    /** @param originNanos the System.nanoTime() that the records' times count from */
    public ChatClient(Target target, GenerationOptions options, Function<String, String> environment, long originNanos) {
        this.client = new EndpointClient(target, options, environment);
        this.originNanos = originNanos;
    }

    public Target target() {
        return client.target();
    }

    /** Sends the history and waits for the answer or its failure (which the timeout bounds); never throws for a network fault. */
    public Reply send(Label label, List<ChatMessage> history, int maxTokens) {
        long scheduled = System.nanoTime();
        CompletableFuture<Exchange.Outcome> future = client.sendChat(history, maxTokens);
        Exchange.Outcome o;
        try {
            o = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an answer", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an exchange completed exceptionally: " + e.getCause(), e); // Exchange always completes normally
        }
        Prompt prompt = new Prompt(label.promptId(), label.length(), label.complexity(), label.category(), "", null, maxTokens);
        RequestRecord r = LoadRunner.record(new LoadRunner.Context(label.endpoint(), label.mode(), label.level(), false),
                new LoadRunner.Job(label.index(), prompt), scheduled, o, originNanos);
        AnswerParser a = o.answer();
        return new Reply(r, o.ok() ? a.text() : "", a.timingsPromptTokens, a.timingsCachedTokens);
    }

    /** The models GET /v1/models lists; an IOException's message is one line (redacted). */
    public List<Model> models(Duration timeout) throws IOException {
        return client.models(timeout).stream().map(m -> new Model(m.id(), parse(m.maxModelLen()))).toList();
    }

    /** The body of a successful GET {@code path}, at most {@code maxBytes}; an IOException's message is one line (redacted). */
    public String get(String path, Duration timeout, int maxBytes) throws IOException {
        return client.get(path, timeout, maxBytes);
    }

    private static Integer parse(String n) {
        try {
            return n == null ? null : Integer.valueOf(n.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
