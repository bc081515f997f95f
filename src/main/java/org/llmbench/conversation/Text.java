package org.llmbench.conversation;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The text of a message or a document: literal pieces, and pieces of shipped corpus text asked for
 * in tokens (long contexts are built from the corpus, not stored). A corpus piece becomes text only
 * when the server's bytes per token are known, so "30000 tokens" means about 30000 on that server.
 */
public record Text(List<Part> parts) {
    public sealed interface Part permits Literal, CorpusTokens {
    }

    public record Literal(String text) implements Part {
    }

    /** {@code tokens} tokens of corpus text, recombined deterministically from {@code seed}. */
    public record CorpusTokens(int tokens, long seed) implements Part {
    }

    public static Text of(String literal) {
        return new Text(List.of(new Literal(literal)));
    }

    /** The text itself, corpus pieces sized for {@code bytesPerToken}. */
    public String render(double bytesPerToken) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) out.append(l.text());
            else if (p instanceof CorpusTokens c) out.append(Corpus.shipped().generate((int) Math.round(c.tokens() * bytesPerToken), c.seed()));
        }
        return out.toString();
    }

    /** Estimated tokens: literal UTF-8 bytes / bytes per token, plus the corpus pieces' own token counts. */
    public double tokens(double bytesPerToken) {
        double t = 0;
        for (Part p : parts) {
            if (p instanceof Literal l) t += l.text().getBytes(StandardCharsets.UTF_8).length / bytesPerToken;
            else if (p instanceof CorpusTokens c) t += c.tokens();
        }
        return t;
    }
}
