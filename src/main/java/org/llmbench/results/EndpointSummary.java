package org.llmbench.results;

/**
 * Aggregates of one endpoint × load level, over all its measured requests ({@code group} "all") or
 * over one prompt group ("length=short", "complexity=complex", ...). Warm-up requests never count.
 * Rates are Σ / window, never a mean of per-request rates; the window runs from the first measured
 * request's send to the last one's end. Prompt groups share their level's window, so their rates
 * are not given (NaN): compare groups by latency.
 *
 * @param errors                    failures by class, "timeout=2;http_status=1" (empty when none)
 * @param ttft                      time to first token over successful streamed requests (ms)
 * @param tpot                      time per output token, (E2E − TTFT) / (output tokens − 1) (ms)
 * @param itl                       inter-chunk gaps pooled over successful requests (ms)
 * @param e2e                       end-to-end latency of successful requests (ms)
 * @param scheduleLag               actual − scheduled send time over all measured requests (ms)
 * @param peakOutputTokensPerSecond most output tokens that arrived within one 1-second bucket of the window
 * @param goodputRequestsPerSecond  successful requests meeting every SLO / window (NaN without --slo)
 * @param goodputFraction           those requests / all measured requests (NaN without --slo)
 * @param tokenSource               where output token counts came from: "usage", "chunks" or "mixed"
 */
public record EndpointSummary(String endpoint, String mode, String level, String group,
                              int requests, int succeeded, String errors,
                              EndpointStats ttft, EndpointStats tpot, EndpointStats itl, EndpointStats e2e, EndpointStats scheduleLag,
                              double windowSeconds, long inputTokens, long outputTokens,
                              double requestsPerSecond, double outputTokensPerSecond, double totalTokensPerSecond,
                              double peakOutputTokensPerSecond, double goodputRequestsPerSecond, double goodputFraction,
                              String tokenSource) {
    public static final String ALL = "all";

    public double successRate() {
        return requests == 0 ? Double.NaN : succeeded / (double) requests;
    }

    public boolean isAll() {
        return ALL.equals(group);
    }
}
