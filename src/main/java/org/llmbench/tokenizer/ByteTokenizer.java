package org.llmbench.tokenizer;

import org.llmbench.LlmbenchException;

import java.nio.charset.StandardCharsets;

/**
 * The tokenizer of registry models, whose synthetic weights come without a vocabulary: one token
 * per UTF-8 byte, so any text encodes and token counts stay honest (a byte is a token). Ids 0, 1
 * and 2 are {@code <unk>}, {@code <s>} (BOS, added to text prompts) and {@code </s>} (EOS); byte b
 * is id 3 + b; the ids past the bytes (the synthetic model may well pick them) print as " t" and
 * the id, e.g. " t1234", so generated text shows what it is.
 */
public final class ByteTokenizer implements Tokenizer {
    public static final int UNK = 0, BOS = 1, EOS = 2, FIRST_BYTE = 3;
    private static final String[] SPECIAL = {"<unk>", "<s>", "</s>"};

    private final int vocab;

    public ByteTokenizer(int vocab) {
        if (vocab < FIRST_BYTE + 256) {
            throw new LlmbenchException("A byte-level tokenizer needs a vocabulary of at least " + (FIRST_BYTE + 256) + " tokens; this model has " + vocab + ".");
        }
        this.vocab = vocab;
    }

    @Override
    public int[] encode(String text, boolean parseSpecial) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int at = text.length(), special = -1;
            if (parseSpecial) {
                for (int id = 0; id < SPECIAL.length; id++) {
                    int i = text.indexOf(SPECIAL[id], from);
                    if (i >= 0 && (i < at || (i == at && SPECIAL[id].length() > SPECIAL[special].length()))) {
                        at = i;
                        special = id;
                    }
                }
            }
            for (byte b : text.substring(from, at).getBytes(StandardCharsets.UTF_8)) out.add(FIRST_BYTE + (b & 0xFF));
            if (special < 0) break;
            out.add(special);
            from = at + SPECIAL[special].length();
        }
        return Vocabulary.toArray(out);
    }

    @Override
    public byte[] bytes(int id) {
        if (id >= FIRST_BYTE && id < FIRST_BYTE + 256) return new byte[]{(byte) (id - FIRST_BYTE)};
        if (id >= FIRST_BYTE + 256 && id < vocab) return (" t" + id).getBytes(StandardCharsets.US_ASCII);
        return new byte[0];
    }

    @Override
    public String text(int id) {
        if (id >= 0 && id < FIRST_BYTE) return SPECIAL[id];
        return new String(bytes(id), StandardCharsets.ISO_8859_1);
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public int bos() {
        return BOS;
    }

    @Override
    public int eos() {
        return EOS;
    }

    @Override
    public boolean addBos() {
        return true;
    }

    @Override
    public String describe() {
        return "byte-level (synthetic weights have no vocabulary: one token per UTF-8 byte, ids 3-258), " + vocab + " ids";
    }
}
