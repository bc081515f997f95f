package org.llmbench.results;

import java.util.List;

/**
 * conversation.json: everything about a conversation run except the turns (turns.json): the
 * arguments (no secrets), the endpoint, the settings, the machine, each server configuration
 * (command, startup, peak RSS, context, version, selection, failure) and the summaries.
 *
 * @param runs               "warm", "cold" or both, in the order each conversation runs them
 * @param maxTokensOverride  --max-tokens when given (it replaces every turn's max_tokens), else null
 * @param defaultMaxTokens   max_tokens of turns whose file sets none
 * @param temperature        NaN = the server's default
 * @param cacheSourceOption  "auto", "usage", "timings" or "metrics": where cached-token counts were taken from
 */
public record ConversationRunInfo(String kind, String started, String finished, List<String> arguments, String url, String conversations,
                                  List<String> runs, Integer maxTokensOverride, int defaultMaxTokens, double temperature, Integer seed,
                                  boolean ignoreEos, double timeoutSeconds, String cacheSourceOption, SystemInfo system,
                                  List<ConfigurationInfo> configurations, List<String> warnings, List<ConversationSummary> summaries) {
    public static final String FILE = "conversation.json";
    public static final String KIND = "conversation";
    /** Benchmark names in jmh.json: this prefix and the metric ("ttft", "outputTokens", ...). */
    public static final String BENCHMARK_PREFIX = "org.llmbench.conversation.Conversation.";

    /**
     * One server configuration.
     *
     * @param command        the command as given, with secret-looking values replaced by ***; null when the server was not started by us
     * @param status         "ok", or "failed" (failure says why; the next configuration still ran)
     * @param exitCode       the server's exit code when it ended on its own, else null
     * @param lastStderr     its last stderr lines when it failed
     * @param startupSeconds from start to the first healthy answer (its model's load time); NaN when not started by us
     * @param peakRssBytes   Σ over its process tree of each process's resident-set peak (VmHWM); -1 when unknown
     * @param stop           how it was stopped
     * @param contextSource  where the context size came from ("--context-size", "GET /v1/models max_model_len", ...)
     * @param serverVersion  what the server says its version is, null when it offers none
     * @param tokenModel     how token counts were estimated for selection (measured on the server, or assumed)
     * @param logs           its stdout and stderr log files in the session folder, when started by us
     */
    public record ConfigurationInfo(String name, String command, String healthUrl, String status, String failure, Integer exitCode,
                                    List<String> lastStderr, double startupSeconds, long peakRssBytes, String stop, String model,
                                    Integer contextSize, String contextSource, String serverVersion, String tokenModel,
                                    List<String> selected, List<Skipped> skipped, List<String> logs) {
        public boolean failed() {
            return "failed".equals(status);
        }
    }

    /** A conversation not run on a configuration, and why (tags, size against the context, --max-conversations). */
    public record Skipped(String conversation, String reason) {
    }

    /** The machine the client ran on (the server's too when it was started here). */
    public record SystemInfo(String cpu, int cores, long memoryBytes, String os, String jdk, List<String> gpus, String gpuNote, String llmbench) {
    }
}
