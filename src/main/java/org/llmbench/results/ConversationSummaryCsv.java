package org.llmbench.results;

import java.util.List;

/** conversations.csv: one row per configuration × conversation × run (warm/cold). */
public final class ConversationSummaryCsv {
    public static final String FILE = "conversations.csv";
    static final List<String> HEADER = List.of("configuration", "conversation", "run", "turns", "succeeded", "stopped_at", "ttft_mean_ms",
            "ttft_median_ms", "first_turn_ttft_ms", "later_turns_ttft_mean_ms", "tpot_mean_ms", "e2e_mean_ms", "output_tokens",
            "output_tokens_per_s", "max_context_tokens", "hit_rate", "cached_source", "ttft_ms_per_1k_context_tokens");

    private ConversationSummaryCsv() {
    }

    public static String write(List<ConversationSummary> summaries) {
        StringBuilder out = new StringBuilder(EndpointCsv.line(HEADER));
        for (ConversationSummary s : summaries) {
            out.append(EndpointCsv.line(List.of(s.configuration(), s.conversation(), s.run(), String.valueOf(s.turns()), String.valueOf(s.succeeded()),
                    s.stoppedAt(), EndpointCsv.num(s.ttftMeanMs()), EndpointCsv.num(s.ttftMedianMs()), EndpointCsv.num(s.firstTurnTtftMs()),
                    EndpointCsv.num(s.laterTurnsTtftMeanMs()), EndpointCsv.num(s.tpotMeanMs()), EndpointCsv.num(s.e2eMeanMs()),
                    String.valueOf(s.outputTokens()), EndpointCsv.num(s.outputTokensPerSecond()),
                    s.maxContextTokens() < 0 ? TurnRecord.UNKNOWN : String.valueOf(s.maxContextTokens()),
                    Double.isNaN(s.hitRate()) ? TurnRecord.UNKNOWN : EndpointCsv.num(s.hitRate()), s.cachedSource(),
                    EndpointCsv.num(s.ttftPer1kContextMs()))));
        }
        return out.toString();
    }
}
