package org.llmbench.conversation;

import org.llmbench.results.ConversationRunInfo.Skipped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * Which conversations run on a server, in file order: those with an --include-tags tag (when
 * given), without an --exclude-tags tag, whose estimated peak context fits the context size, and
 * at most --max-conversations of them. Every other one is skipped with its reason.
 */
public record Selection(List<Conversation> selected, List<Skipped> skipped, List<Long> estimates) {

    /**
     * @param contextSize null = unknown: nothing is skipped for its size
     * @param maxTokens   max_tokens of a conversation's turn t
     */
    public static Selection of(List<Conversation> all, Integer contextSize, TokenModel tokens, Function<Conversation, IntUnaryOperator> maxTokens,
                               Set<String> include, Set<String> exclude, Integer max) {
        List<Conversation> selected = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<Long> estimates = new ArrayList<>();
        for (Conversation c : all) {
            long peak = tokens.peakTokens(c, maxTokens.apply(c));
            String reason = null;
            List<String> excluded = c.tags().stream().filter(exclude::contains).toList();
            if (!include.isEmpty() && c.tags().stream().noneMatch(include::contains)) {
                reason = "no tag among --include-tags " + String.join(",", include) + " (its tags: " + tags(c) + ")";
            } else if (!excluded.isEmpty()) {
                reason = "tag " + String.join(",", excluded) + " is in --exclude-tags";
            } else if (contextSize != null && peak > contextSize) {
                reason = String.format(Locale.ROOT, "needs about %,d tokens (its last turn with a full answer), more than the %,d-token context", peak, contextSize);
            } else if (max != null && selected.size() >= max) {
                reason = "beyond --max-conversations " + max;
            }
            if (reason == null) {
                selected.add(c);
                estimates.add(peak);
            } else {
                skipped.add(new Skipped(c.id(), reason));
            }
        }
        return new Selection(selected, skipped, estimates);
    }

    static String tags(Conversation c) {
        return c.tags().isEmpty() ? "none" : String.join(",", c.tags());
    }
}
