package org.llmbench.results;

/**
 * One turn of one conversation run (turns.json, turns.csv): what the conversation sent and what
 * the server reused from its prefix cache, around the HTTP request's own {@link RequestRecord}
 * (TTFT, E2E, TPOT, output tokens, failure). Token counts are -1 where unknown, never 0.
 *
 * @param run            "warm": the history as a real client sends it; "cold": the same requests, each with a unique salt at the start of its first message
 * @param turns          turns the conversation has
 * @param event          RAG events applied before this turn ("inject a, b", "remove a"), "" for none
 * @param messages       messages sent (the whole history)
 * @param contextTokens  prompt tokens of the request (usage.prompt_tokens)
 * @param reusableTokens context tokens plus output tokens of the latest earlier turn whose request and answer this request repeats message by message: what an ideal prefix cache could reuse (give or take the template's tokens after an answer); 0 when none
 * @param cachedTokens   prompt tokens the server served from its cache
 * @param cachedSource   where cachedTokens came from: "usage" (prompt_tokens_details.cached_tokens), "timings" (llama.cpp), "metrics" (Prometheus counter deltas), or "unknown"
 * @param answer         the assistant's text, appended to the later turns' history
 */
public record TurnRecord(String configuration, String conversation, String run, int turn, int turns, String event, int messages,
                         int contextTokens, int reusableTokens, int cachedTokens, String cachedSource, String answer, RequestRecord request) {
    public static final String WARM = "warm", COLD = "cold", UNKNOWN = "unknown";

    /** Tokens past what an ideal prefix cache could reuse; -1 when unknown. */
    public int newTokens() {
        return contextTokens < 0 || reusableTokens < 0 ? -1 : Math.max(0, contextTokens - reusableTokens);
    }

    /** Cached / context tokens; NaN when either is unknown. */
    public double hitRate() {
        return cachedTokens < 0 || contextTokens <= 0 ? Double.NaN : cachedTokens / (double) contextTokens;
    }

    public boolean ok() {
        return request.ok();
    }

    /** The turn after documents were removed: its cache miss is the point of a RAG scenario. */
    public boolean removesDocuments() {
        return event.contains("remove");
    }
}
