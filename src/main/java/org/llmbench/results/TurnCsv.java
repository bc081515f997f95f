package org.llmbench.results;

import java.util.List;
import java.util.stream.Collectors;

/** turns.csv: one row per turn; unknown token counts are written "unknown" (never 0), unobserved times empty. */
public final class TurnCsv {
    public static final String FILE = "turns.csv";
    static final List<String> HEADER = List.of("configuration", "conversation", "run", "turn", "turns", "event", "messages", "context_tokens",
            "reusable_tokens", "new_tokens", "cached_tokens", "cached_source", "hit_rate", "ttft_ms", "tpot_ms", "e2e_ms", "output_tokens",
            "token_source", "content_chunks", "itl_ms", "sent_ms", "finish_reason", "http_status", "ok", "error_class", "error");

    private TurnCsv() {
    }

    public static String write(List<TurnRecord> turns) {
        StringBuilder out = new StringBuilder(EndpointCsv.line(HEADER));
        for (TurnRecord t : turns) {
            RequestRecord r = t.request();
            out.append(EndpointCsv.line(List.of(t.configuration(), t.conversation(), t.run(), String.valueOf(t.turn()), String.valueOf(t.turns()),
                    t.event(), String.valueOf(t.messages()), count(t.contextTokens()), count(t.reusableTokens()), count(t.newTokens()),
                    count(t.cachedTokens()), t.cachedSource(), Double.isNaN(t.hitRate()) ? TurnRecord.UNKNOWN : EndpointCsv.num(t.hitRate()),
                    EndpointCsv.num(r.ttftMs()), EndpointCsv.num(r.tpotMs()), EndpointCsv.num(r.e2eMs()), String.valueOf(r.outputTokens()),
                    r.tokenSource(), String.valueOf(r.contentChunks()),
                    java.util.Arrays.stream(r.itlMs()).mapToObj(EndpointCsv::num).collect(Collectors.joining(";")), EndpointCsv.num(r.sentMs()),
                    r.finishReason(), String.valueOf(r.httpStatus()), String.valueOf(r.ok()), r.errorClass(), r.error())));
        }
        return out.toString();
    }

    private static String count(int n) {
        return n < 0 ? TurnRecord.UNKNOWN : String.valueOf(n);
    }
}
