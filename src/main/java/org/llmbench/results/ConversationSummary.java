package org.llmbench.results;

/**
 * One conversation run (configuration × conversation × warm/cold) over its turns, as
 * conversations.csv and the report give it. Means are over successful turns.
 *
 * @param stoppedAt          "" when every turn ran, else why the run stopped early ("turn 4: http_status: HTTP 400 ...")
 * @param hitRate            Σ cached / Σ context tokens over turns where both are known; NaN when none is
 * @param cachedSource       the source of the cached counts ("usage", "timings", "metrics", "unknown", or several joined by "+")
 * @param ttftPer1kContextMs TTFT growth per 1,000 context tokens: the least-squares slope of TTFT against context tokens (NaN under 2 distinct contexts)
 * @param outputTokensPerSecond Σ output tokens / Σ E2E (the turns run one after another)
 */
public record ConversationSummary(String configuration, String conversation, String run, int turns, int succeeded, String stoppedAt,
                                  double ttftMeanMs, double ttftMedianMs, double tpotMeanMs, double e2eMeanMs, long outputTokens,
                                  double outputTokensPerSecond, int maxContextTokens, double hitRate, String cachedSource,
                                  double ttftPer1kContextMs, double firstTurnTtftMs, double laterTurnsTtftMeanMs) {
}
