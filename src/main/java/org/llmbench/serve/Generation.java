package org.llmbench.serve;

import org.llmbench.tokenizer.Tokenizer;
import org.llmbench.tokenizer.Utf8Assembler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One request in the scheduler: its prompt ids, sampling state and the events its HTTP handler
 * reads. The scheduler thread owns every field except {@link #events} and the cancel flag.
 */
final class Generation {
    enum State { WAITING, PREFILL, DECODE, DONE }

    final int[] prompt;
    final GenerationParams params;
    final long arrivalNanos = System.nanoTime();
    final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile boolean cancelled;

    private final Tokenizer tokenizer;
    private final TokenSampler sampler;
    private final Utf8Assembler utf8 = new Utf8Assembler();
    private final StopText stop;

    State state = State.WAITING;
    int slot = -1;
    /** Tokens in the slot's KV cache; cached of them came from the prefix cache. */
    int fed, cached;
    int generated, next;
    long admittedOrder, lastTokenNanos;
    int[] tokens; // prompt then generated
    private String finishReason, lastText;
    final List<PrefixCache.Key> keys = new ArrayList<>();

    Generation(int[] prompt, GenerationParams params, Tokenizer tokenizer) {
        this.prompt = prompt;
        this.params = params;
        this.tokenizer = tokenizer;
        this.sampler = new TokenSampler(params.temperature(), params.topP(), params.seed());
        this.stop = new StopText(params.stop());
        this.tokens = Arrays.copyOf(prompt, prompt.length + Math.min(params.maxTokens(), 1024));
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    int sample(float[] logits, int off, int vocab) {
        return sampler.sample(logits, off, vocab);
    }

    /** Takes a generated token: sends its text, and says whether generation is now finished (then {@link #sendEnd} follows). */
    boolean accept(int token) {
        if (prompt.length + generated == tokens.length) tokens = Arrays.copyOf(tokens, tokens.length * 2);
        tokens[prompt.length + generated++] = token;
        next = token;
        if (token == tokenizer.eos() && !params.ignoreEos()) {
            String rest = stop.add(utf8.flush());
            return finish("stop", rest + stop.flush());
        }
        boolean last = generated >= params.maxTokens();
        String text = stop.add(utf8.add(tokenizer.bytes(token)));
        if (last && !stop.stopped()) text += stop.add(utf8.flush()); // a character left unfinished: U+FFFD
        if (stop.stopped()) return finish("stop", text);
        if (last) return finish("length", text + stop.flush());
        if (!text.isEmpty()) events.add(new Event.Text(text));
        return false;
    }

    private boolean finish(String reason, String text) {
        finishReason = reason;
        lastText = text;
        return true;
    }

    /** Sends the last text and the end, once the scheduler has given the slot back (so a client's next request finds it free). */
    void sendEnd() {
        if (!lastText.isEmpty()) events.add(new Event.Text(lastText));
        events.add(new Event.Done(finishReason, prompt.length, generated, cached));
        state = State.DONE;
    }

    void fail(int status, String message) {
        state = State.DONE;
        events.add(new Event.Failed(status, message));
    }
}
