package org.llmbench.conversation;

import java.util.List;
import java.util.Map;

/**
 * One scripted conversation (docs/CONVERSATIONS.md): the user's turns, an optional system
 * message, and documents that RAG events inject into the history before one turn and remove
 * before a later one. The assistant's turns are whatever the server answers.
 *
 * @param approxTokens the author's estimate of the last turn's context (prompt plus answer), for people; selection estimates its own
 * @param maxTokens    max_tokens of turns that do not set their own; null = the run's default
 * @param documents    by name, in file order
 * @param source       where it came from ("shipped" or a file), for messages
 */
public record Conversation(String id, String title, List<String> tags, int approxTokens, Text system, Integer maxTokens,
                           Map<String, Text> documents, List<Turn> turns, String source) {

    /**
     * One user turn. {@code inject}: documents added to this turn's user message (before its text);
     * {@code remove}: documents taken out of the history before this turn is sent.
     */
    public record Turn(Text user, Integer maxTokens, List<String> inject, List<String> remove) {
        public boolean changesDocuments() {
            return !inject.isEmpty() || !remove.isEmpty();
        }
    }

    /** max_tokens of turn {@code t} (1-based): the turn's, else the conversation's, else {@code fallback}. */
    public int maxTokens(int t, int fallback) {
        Integer own = turns.get(t - 1).maxTokens();
        return own != null ? own : maxTokens != null ? maxTokens : fallback;
    }

    /** "inject handbook, faq" / "remove handbook" / "" for the turn's RAG events. */
    public String event(int t) {
        Turn turn = turns.get(t - 1);
        StringBuilder e = new StringBuilder();
        if (!turn.remove().isEmpty()) e.append("remove ").append(String.join(", ", turn.remove()));
        if (!turn.inject().isEmpty()) e.append(e.length() > 0 ? "; " : "").append("inject ").append(String.join(", ", turn.inject()));
        return e.toString();
    }
}
