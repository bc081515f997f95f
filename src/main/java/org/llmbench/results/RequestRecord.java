package org.llmbench.results;

/**
 * One request of an endpoint run, as one row of requests.csv. Times are milliseconds since the
 * run started (one System.nanoTime origin for every endpoint); NaN means "not observed".
 *
 * @param level        the load level: concurrency ("4"), rate in requests/s ("2.5"), or "1" for sequential
 * @param warmup       a warm-up request: recorded, never part of a metric
 * @param index        order of the request within its endpoint × level
 * @param scheduledMs  when the load generator meant to send it (open loop: the arrival schedule)
 * @param sentMs       when it was actually handed to the HTTP client; lag = sent − scheduled
 * @param ttftMs       sent → first chunk with non-empty content (a role-only first chunk does not count)
 * @param e2eMs        sent → end of the response ([DONE], or the end of the body)
 * @param itlMs        gaps between consecutive content chunks, in order (length = content chunks − 1)
 * @param chunkTokens  tokens in each content chunk when the server said (per-chunk usage); empty otherwise
 * @param inputTokens  prompt tokens from the server's usage, -1 when it sent none
 * @param outputTokens completion tokens from usage, else the number of content chunks (see tokenSource)
 * @param tokenSource  "usage" or "chunks": where outputTokens came from
 * @param cachedTokens usage.prompt_tokens_details.cached_tokens, -1 when absent
 * @param httpStatus   the response status, 0 when none arrived
 * @param errorClass   {@link RequestErrorClass#label()}, empty when the request succeeded
 * @param error        the first line of what went wrong (never contains a secret), empty on success
 */
public record RequestRecord(String endpoint, String mode, String level, boolean warmup, int index,
                            String promptId, String promptLength, String complexity, String category,
                            double scheduledMs, double sentMs, double ttftMs, double e2eMs,
                            double[] itlMs, int[] chunkTokens, int contentChunks,
                            int inputTokens, int outputTokens, String tokenSource, int cachedTokens,
                            String finishReason, int httpStatus, String errorClass, String error) {

    public boolean ok() {
        return errorClass == null || errorClass.isEmpty();
    }

    public double scheduleLagMs() {
        return sentMs - scheduledMs;
    }

    public double endMs() {
        return sentMs + e2eMs;
    }

    /** TPOT = (E2E − TTFT) / (output tokens − 1), defined for at least 2 output tokens of a streamed answer. */
    public double tpotMs() {
        if (outputTokens < 2 || !Double.isFinite(ttftMs) || !Double.isFinite(e2eMs)) return Double.NaN;
        return (e2eMs - ttftMs) / (outputTokens - 1);
    }

    /** When each content chunk arrived (ms since the run started); empty for an answer that was not streamed. */
    public double[] chunkTimesMs() {
        if (!Double.isFinite(ttftMs)) return new double[0];
        double[] t = new double[itlMs.length + 1];
        t[0] = sentMs + ttftMs;
        for (int i = 0; i < itlMs.length; i++) t[i + 1] = t[i] + itlMs[i];
        return t;
    }

    /** Tokens carried by each content chunk: the server's per-chunk counts, else output tokens spread evenly. */
    public double[] tokensPerChunk() {
        double[] out = new double[chunkTimesMs().length];
        if (chunkTokens.length == out.length) {
            for (int i = 0; i < out.length; i++) out[i] = chunkTokens[i];
        } else if (out.length > 0) {
            java.util.Arrays.fill(out, outputTokens / (double) out.length);
        }
        return out;
    }
}
