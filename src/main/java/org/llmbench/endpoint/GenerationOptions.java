package org.llmbench.endpoint;

import java.time.Duration;

/**
 * What every request asks for and how long and how much we wait for it.
 *
 * @param temperature      NaN = not sent (the server's default)
 * @param seed             null = not sent
 * @param ignoreEos        send "ignore_eos": true (vLLM and llama-server honour it; OpenAI rejects unknown fields)
 * @param timeout          the whole request, from send to the end of the answer
 * @param maxResponseBytes bound on one response body; beyond it the request fails as oversize
 */
public record GenerationOptions(boolean stream, int maxTokens, double temperature, Integer seed, boolean ignoreEos,
                                Duration timeout, long maxResponseBytes) {
    /** Bound on one SSE line or event, and on an error body we quote. */
    static final int MAX_EVENT_BYTES = 1 << 20, MAX_ERROR_BODY_BYTES = 64 << 10;
}
