package org.llmbench.conversation;

import org.llmbench.endpoint.ChatClient;
import org.llmbench.endpoint.ChatMessage;
import org.llmbench.results.RequestRecord;
import org.llmbench.results.TurnRecord;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Runs one conversation on one server, turn by turn: each turn sends the whole history, appends
 * the server's real answer, and applies the RAG events before it. A warm run is what a client
 * sends; a cold run sends the same requests (the warm run's answers in the history) with a new
 * random salt at the start of the first message of every request, so no prefix can be reused.
 * A failed turn ends the run: the later turns would need its answer.
 */
final class ConversationRun {
    private static final SecureRandom SALTS = new SecureRandom();

    /** The turns, and why the run stopped early ("" when every turn ran). */
    record Result(List<TurnRecord> turns, List<String> answers, String stoppedAt) {
    }

    private final ChatClient client;
    private final String configuration;
    private final CachedTokens cached;
    private int index;

    ConversationRun(ChatClient client, String configuration, CachedTokens cached) {
        this.client = client;
        this.configuration = configuration;
        this.cached = cached;
    }

    /**
     * @param replay answers to put in the history instead of this run's own (the warm run's, for a
     *               cold run), by turn; shorter than the conversation or empty: this run's own from there on
     */
    Result run(History.Rendered r, String run, IntUnaryOperator maxTokens, List<String> replay) {
        boolean cold = run.equals(TurnRecord.COLD);
        String id = r.conversation().id();
        List<TurnRecord> turns = new ArrayList<>();
        List<String> history = new ArrayList<>();
        List<List<ChatMessage>> requests = new ArrayList<>();
        for (int t = 1; t <= r.turns(); t++) {
            List<ChatMessage> messages = History.request(r, t, history, cold ? salt() : "");
            int shared = History.sharedWith(requests, history, messages);
            PrefixCacheCounters before = cached.before();
            ChatClient.Reply reply = client.send(new ChatClient.Label(configuration, "conversation", run, ++index, id + "#" + t, id,
                    "turn " + t, r.conversation().event(t)), messages, maxTokens.applyAsInt(t));
            CachedTokens.Count count = reply.record().ok() ? cached.after(before, reply) : new CachedTokens.Count(-1, TurnRecord.UNKNOWN);
            turns.add(new TurnRecord(configuration, id, run, t, r.turns(), r.conversation().event(t), messages.size(), reply.record().inputTokens(),
                    reusable(turns, shared), count.tokens(), count.source(), reply.text(), reply.record()));
            if (!reply.record().ok()) {
                RequestRecord failed = reply.record();
                return new Result(turns, history, "turn " + t + ": " + failed.errorClass() + ": " + failed.error());
            }
            requests.add(messages);
            history.add(replay.size() >= t ? replay.get(t - 1) : reply.text());
        }
        return new Result(turns, history, "");
    }

    /** Context plus output tokens of turn {@code shared} (what this request repeats), 0 for none, -1 when unknown. */
    private static int reusable(List<TurnRecord> earlier, int shared) {
        if (shared == 0) return 0;
        TurnRecord t = earlier.get(shared - 1);
        return t.contextTokens() < 0 || !t.request().tokenSource().equals("usage") ? -1 : t.contextTokens() + t.request().outputTokens();
    }

    /** A new salt: its 16 random hex digits make the request unlike any before it from the first message on. */
    static String salt() {
        byte[] b = new byte[8];
        SALTS.nextBytes(b);
        return "Session " + HexFormat.of().formatHex(b) + ".\n\n";
    }
}
