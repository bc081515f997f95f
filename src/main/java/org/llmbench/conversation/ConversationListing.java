package org.llmbench.conversation;

import org.llmbench.endpoint.ChatClient;
import org.llmbench.endpoint.Target;
import org.llmbench.results.ConversationRunInfo.Skipped;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** {@code conversation --list-conversations}: every conversation with its estimated size, and whether it would run or why not. */
public final class ConversationListing {
    private ConversationListing() {
    }

    /**
     * @param running a running server to ask for its context and tokens, or null: then --context-size and --bytes-per-token, or
     *                assumptions, are used (a server started by --server-cmd is not started for a listing)
     */
    public static void print(List<Conversation> all, String setName, Target running, ConversationBenchmark.Options options,
                             Function<String, String> environment, PrintStream out) {
        Integer contextSize = options.contextSize();
        String contextSource = "--context-size";
        TokenModel tokens = options.bytesPerToken() != null ? TokenModel.given(options.bytesPerToken()) : TokenModel.ASSUMED;
        if (running != null) {
            try (ChatClient client = new ChatClient(running, options.generation(), environment, System.nanoTime())) {
                ServerFacts facts = ServerFacts.ask(client, options.model());
                facts.notes().forEach(n -> out.println("note: " + n));
                if (contextSize == null && facts.contextSize() != null) {
                    contextSize = facts.contextSize();
                    contextSource = facts.contextSource();
                }
                if (options.bytesPerToken() == null && contextSize != null && facts.model() != null) {
                    try (ChatClient withModel = new ChatClient(running.withModel(facts.model()), options.generation(), environment, System.nanoTime())) {
                        tokens = TokenProbe.measure(withModel, running.name(), contextSize);
                    }
                }
            } catch (RuntimeException e) {
                out.println("note: " + running.baseUrl() + " could not be asked (" + e.getMessage() + "); estimates use " + tokens.describe());
            }
        }
        print(all, setName, contextSize, contextSource, tokens, options, out);
    }

    static void print(List<Conversation> all, String setName, Integer contextSize, String contextSource, TokenModel tokens,
                      ConversationBenchmark.Options options, PrintStream out) {
        Selection s = Selection.of(all, contextSize, tokens, options::maxTokens, options.includeTags(), options.excludeTags(), options.maxConversations());
        out.println("conversations: " + setName + " (" + all.size() + "); context " + (contextSize == null
                ? "unknown (give --context-size N, or --endpoint URL of a running server, to check which fit)"
                : String.format(Locale.ROOT, "%,d tokens (%s)", contextSize, contextSource)) + "; tokens " + tokens.describe());
        out.println(String.format(Locale.ROOT, "  %-20s %-22s %6s %12s %12s  %s", "id", "tags", "turns", "file ~tokens", "estimate", "selected?"));
        for (Conversation c : all) {
            Skipped skip = s.skipped().stream().filter(k -> k.conversation().equals(c.id())).findFirst().orElse(null);
            out.println(String.format(Locale.ROOT, "  %-20s %-22s %6d %12s %,12d  %s", c.id(), Selection.tags(c), c.turns().size(),
                    c.approxTokens() > 0 ? String.format(Locale.ROOT, "%,d", c.approxTokens()) : "—", tokens.peakTokens(c, options.maxTokens(c)),
                    skip == null ? "runs" : "skipped: " + skip.reason()));
        }
        out.println("(estimate = the last turn's prompt plus a full answer, in this server's tokens where measured; "
                + s.selected().size() + " would run)");
    }
}
