package org.llmbench.conversation;

import java.util.Locale;

/**
 * How many tokens a message costs on one server, for estimates before a conversation runs: the
 * text's UTF-8 bytes divided by {@code bytesPerToken}, plus {@code perMessage} tokens of chat
 * template around each message and {@code fixed} tokens once (BOS, the generation prompt).
 * Measured on the server when one answers ({@link TokenProbe}); else assumed.
 *
 * @param source how the numbers were obtained, said in results and listings
 */
public record TokenModel(double bytesPerToken, double perMessage, double fixed, String source) {
    /** Typical of English BPE vocabularies and chat templates, when no server was asked. */
    public static final TokenModel ASSUMED = new TokenModel(4.0, 8, 8, "assumed (no server measured): 4 bytes per token, 8 tokens per message");

    public static TokenModel given(double bytesPerToken) {
        return new TokenModel(bytesPerToken, 8, 8, String.format(Locale.ROOT, "given: %.2f bytes per token (--bytes-per-token), 8 tokens per message", bytesPerToken));
    }

    /**
     * Estimated context of the conversation's largest request plus its answer, assuming every
     * answer uses its whole max_tokens ({@code maxTokens} of turn t, 1-based).
     */
    public long peakTokens(Conversation c, java.util.function.IntUnaryOperator maxTokens) {
        double system = c.system() == null ? 0 : c.system().tokens(bytesPerToken) + perMessage;
        double history = fixed + system, peak = 0;
        for (int t = 1; t <= c.turns().size(); t++) {
            Conversation.Turn turn = c.turns().get(t - 1);
            for (String name : turn.remove()) history -= document(c, name); // removed: the history shrinks by it
            double user = turn.user().tokens(bytesPerToken) + perMessage;
            for (String name : turn.inject()) user += document(c, name);
            history += user;
            int answer = maxTokens.applyAsInt(t);
            peak = Math.max(peak, history + answer);
            history += answer + perMessage;
        }
        return (long) Math.ceil(peak);
    }

    private double document(Conversation c, String name) {
        return c.documents().get(name).tokens(bytesPerToken) + 4; // a name line around it
    }

    public String describe() {
        return source;
    }
}
