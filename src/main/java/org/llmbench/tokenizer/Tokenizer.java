package org.llmbench.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Text to token ids and token ids to the bytes they stand for, as a model's vocabulary defines them. */
public interface Tokenizer {
    /** Token ids of text, without BOS. With parseSpecial, the texts of control tokens (e.g. "</s>") become their ids. */
    int[] encode(String text, boolean parseSpecial);

    /** The bytes token id adds to output text: none for control tokens, one for a byte token. */
    byte[] bytes(int id);

    /** The token's own text as the vocabulary lists it (for a chat template's bos_token and eos_token). */
    String text(int id);

    int vocabSize();

    /** Beginning-of-sequence id, or -1. */
    int bos();

    /** End-of-sequence id, or -1. */
    int eos();

    /** Whether a text prompt starts with BOS (the vocabulary's own setting). */
    boolean addBos();

    /** One line for the startup message: kind, source and size. */
    String describe();

    /** A prompt's ids as a server feeds them: BOS first where the vocabulary adds one (and the text does not already start with it). */
    default int[] encodePrompt(String text) {
        int[] ids = encode(text, true);
        if (!addBos() || bos() < 0 || (ids.length > 0 && ids[0] == bos())) return ids;
        int[] withBos = new int[ids.length + 1];
        withBos[0] = bos();
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        return withBos;
    }

    /** The text of ids: their bytes joined, decoded as UTF-8 (a broken sequence becomes U+FFFD). */
    default String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) out.writeBytes(bytes(id));
        return out.toString(StandardCharsets.UTF_8);
    }
}
