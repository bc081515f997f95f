package org.llmbench.conversation;

import org.llmbench.endpoint.ChatMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message list each turn sends: the system message, every earlier user turn with the
 * assistant's real answer after it, then this turn's user message. A document injected at turn k
 * sits at the start of turn k's user message for as long as it is not removed; removing it
 * rewrites that message (so a prefix cache can reuse only what comes before it). A salt, when
 * given, goes at the very start of the first message.
 */
public final class History {
    /** The conversation's texts, rendered once for one server's bytes per token. */
    public record Rendered(Conversation conversation, String system, List<String> users, Map<String, String> documents) {
        public static Rendered of(Conversation c, double bytesPerToken) {
            Map<String, String> docs = new LinkedHashMap<>();
            c.documents().forEach((name, text) -> docs.put(name, text.render(bytesPerToken)));
            return new Rendered(c, c.system() == null ? null : c.system().render(bytesPerToken),
                    c.turns().stream().map(t -> t.user().render(bytesPerToken)).toList(), docs);
        }

        public int turns() {
            return users.size();
        }
    }

    private History() {
    }

    /**
     * The messages of turn {@code turn} (1-based), given the answers of the turns before it
     * ({@code answers.get(j - 1)} for turn j) and the salt ("" for none).
     */
    public static List<ChatMessage> request(Rendered r, int turn, List<String> answers, String salt) {
        if (turn < 1 || turn > r.turns()) throw new IllegalArgumentException("turn " + turn + " of " + r.turns());
        if (answers.size() < turn - 1) throw new IllegalArgumentException("turn " + turn + " needs " + (turn - 1) + " answers, got " + answers.size());
        List<ChatMessage> out = new ArrayList<>();
        if (r.system() != null) out.add(new ChatMessage("system", r.system()));
        for (int j = 1; j <= turn; j++) {
            out.add(new ChatMessage("user", documentsBlock(r, j, turn) + r.users().get(j - 1)));
            if (j < turn) out.add(new ChatMessage("assistant", answers.get(j - 1)));
        }
        if (!salt.isEmpty()) {
            ChatMessage first = out.get(0);
            out.set(0, new ChatMessage(first.role(), salt + first.content()));
        }
        return out;
    }

    /** The documents injected at turn {@code j} that are still in the history when turn {@code asOf} is sent, as a block before the user's text. */
    static String documentsBlock(Rendered r, int j, int asOf) {
        List<String> names = new ArrayList<>();
        for (String name : r.conversation().turns().get(j - 1).inject()) {
            if (!removedBetween(r.conversation(), name, j, asOf)) names.add(name);
        }
        if (names.isEmpty()) return "";
        StringBuilder b = new StringBuilder("Reference documents:\n\n");
        for (String name : names) b.append("[").append(name).append("]\n").append(r.documents().get(name)).append("\n\n");
        return b.append("Question:\n").toString();
    }

    /** Whether a document injected at turn {@code j} is removed before turn {@code asOf} is sent (at a turn in (j, asOf]). */
    private static boolean removedBetween(Conversation c, String name, int j, int asOf) {
        for (int m = j + 1; m <= asOf; m++) {
            if (c.turns().get(m - 1).remove().contains(name)) return true;
        }
        return false;
    }

    /**
     * The latest earlier turn whose request followed by its answer is a prefix of {@code request}
     * (message by message), or 0 when none is: what an ideal prefix cache could reuse.
     */
    public static int sharedWith(List<List<ChatMessage>> earlierRequests, List<String> answers, List<ChatMessage> request) {
        for (int j = earlierRequests.size(); j >= 1; j--) {
            List<ChatMessage> prev = earlierRequests.get(j - 1);
            if (prev.size() + 1 > request.size()) continue;
            if (!prev.equals(request.subList(0, prev.size()))) continue;
            ChatMessage answer = request.get(prev.size());
            if (answer.role().equals("assistant") && answer.content().equals(answers.get(j - 1))) return j;
        }
        return 0;
    }
}
