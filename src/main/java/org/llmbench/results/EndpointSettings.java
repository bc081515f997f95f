package org.llmbench.results;

import java.util.List;

/**
 * How an endpoint run was driven, as endpoint.json records it (never a secret).
 *
 * @param mode             "sequential", "concurrent" or "rate"
 * @param levels           the load levels in run order: concurrency values, or rates in requests/s ("1" for sequential)
 * @param schedule         "interleaved" or "parallel": how several endpoints share the run
 * @param temperature      NaN = the server's default
 * @param seed             the sampling seed sent to the server, null = none sent
 * @param requests         measured requests per endpoint and level (prompts × iterations unless --requests)
 * @param durationSeconds  the time bound of one load level, NaN = none
 * @param burstiness       gamma shape of the inter-arrival times in rate mode (1 = Poisson)
 * @param arrivalSeed      seed of the arrival schedule and of synthetic prompts
 * @param prompts          the prompt set: "suite", a file name, or "synthetic IN:OUT"
 */
public record EndpointSettings(String mode, List<String> levels, String schedule, boolean stream, int maxTokens,
                               double temperature, Integer seed, double timeoutSeconds, boolean ignoreEos, int warmup,
                               int iterations, int requests, double durationSeconds, double burstiness, long arrivalSeed,
                               String prompts, int promptCount, EndpointSlo slo, long maxResponseBytes, int maxInFlight) {

    /** A level as people say it: "sequential", "concurrency 4", "2.5 req/s". */
    public static String levelLabel(String mode, String level) {
        return switch (mode) {
            case "concurrent" -> "concurrency " + level;
            case "rate" -> level + " req/s";
            default -> "sequential";
        };
    }
}
