package org.llmbench.conversation;

import org.llmbench.LlmbenchException;
import org.llmbench.endpoint.ChatClient;
import org.llmbench.endpoint.ChatMessage;
import org.llmbench.results.RequestRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Measures a server's {@link TokenModel} with three one-token chat requests and the prompt_tokens
 * of their usage: one message "x"; three messages "x"; one message of corpus text. Their
 * differences give the template's tokens per message, its fixed tokens, and the tokenizer's bytes
 * per token on the same kind of text the long conversations are built from. They also open the
 * connection, so the first turn's TTFT does not include it.
 */
final class TokenProbe {
    private static final int SAMPLE_BYTES = 600;

    private TokenProbe() {
    }

    /** @throws LlmbenchException when the server does not answer a one-token chat request (nothing else would work) */
    static TokenModel measure(ChatClient client, String configuration, int contextSize) {
        int sampleBytes = Math.max(32, Math.min(SAMPLE_BYTES, contextSize / 3));
        String sample = Corpus.shipped().sample(sampleBytes);
        int one = promptTokens(client, configuration, 1, List.of(new ChatMessage("user", "x")));
        int three = promptTokens(client, configuration, 2, List.of(new ChatMessage("user", "x"), new ChatMessage("assistant", "x"), new ChatMessage("user", "x")));
        int text = promptTokens(client, configuration, 3, List.of(new ChatMessage("user", sample)));
        if (one < 0 || three < 0 || text < 0) {
            return new TokenModel(TokenModel.ASSUMED.bytesPerToken(), TokenModel.ASSUMED.perMessage(), TokenModel.ASSUMED.fixed(),
                    "assumed (the server reports no usage.prompt_tokens): 4 bytes per token, 8 tokens per message");
        }
        double perMessage = Math.max(1, (three - one) / 2.0 - 1); // two more messages whose text is one token each
        double fixed = Math.max(0, one - 1 - perMessage);
        int textTokens = Math.max(1, text - one + 1);
        double bytesPerToken = sample.getBytes(StandardCharsets.UTF_8).length / (double) textTokens;
        return new TokenModel(bytesPerToken, perMessage, fixed, String.format(Locale.ROOT,
                "measured on the server: %.2f bytes per token (%d tokens for %d bytes of corpus text), %.0f tokens per message, %.0f fixed",
                bytesPerToken, textTokens, sample.getBytes(StandardCharsets.UTF_8).length, perMessage, fixed));
    }

    /** Bytes per token as given; one one-token request still opens the connection, so the first turn's TTFT does not pay for it. */
    static TokenModel given(ChatClient client, String configuration, double bytesPerToken) {
        promptTokens(client, configuration, 1, List.of(new ChatMessage("user", "x")));
        return TokenModel.given(bytesPerToken);
    }

    private static int promptTokens(ChatClient client, String configuration, int index, List<ChatMessage> messages) {
        ChatClient.Reply reply = client.send(new ChatClient.Label(configuration, "conversation", "probe", index, "probe-" + index, "", "", ""), messages, 1);
        RequestRecord r = reply.record();
        if (!r.ok()) throw new LlmbenchException("the server did not answer a one-token chat request (" + r.errorClass() + ": " + r.error() + ")");
        return r.inputTokens();
    }
}
