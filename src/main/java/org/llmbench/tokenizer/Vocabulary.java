package org.llmbench.tokenizer;

import org.llmbench.LlmbenchException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A vocabulary: each id's text and type (GGUF's token types), the special ids, and the split of
 * input text around special tokens that every tokenizer does before its own algorithm.
 */
final class Vocabulary {
    static final int NORMAL = 1, UNKNOWN = 2, CONTROL = 3, USER_DEFINED = 4, UNUSED = 5, BYTE = 6;

    final String[] tokens;
    final int[] types;
    final int bos, eos, unk;
    final boolean addBos;
    private final Map<String, Integer> ids;
    private final int[] specials; // ids split out of input text, longest text first

    Vocabulary(String[] tokens, int[] types, int bos, int eos, int unk, boolean addBos) {
        if (tokens.length == 0) throw new LlmbenchException("The vocabulary is empty; a tokenizer needs at least one token.");
        if (types.length != tokens.length) {
            throw new LlmbenchException("The vocabulary lists " + tokens.length + " tokens but " + types.length + " token types; each token needs one.");
        }
        this.tokens = tokens;
        this.types = types;
        this.bos = checkId(bos, "BOS");
        this.eos = checkId(eos, "EOS");
        this.unk = checkId(unk, "unknown-token");
        this.addBos = addBos && this.bos >= 0;
        this.ids = new HashMap<>(tokens.length * 2);
        for (int i = 0; i < tokens.length; i++) ids.putIfAbsent(tokens[i], i);
        this.specials = java.util.stream.IntStream.range(0, tokens.length)
                .filter(i -> (types[i] == CONTROL || types[i] == USER_DEFINED || types[i] == UNKNOWN) && !tokens[i].isEmpty())
                .boxed().sorted(Comparator.comparingInt((Integer i) -> -tokens[i].length()).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    private int checkId(int id, String what) {
        if (id >= tokens.length) throw new LlmbenchException("The " + what + " id " + id + " is outside the vocabulary of " + tokens.length + " tokens.");
        return Math.max(id, -1);
    }

    int size() {
        return tokens.length;
    }

    /** The id of a token text, or -1. */
    int id(String text) {
        Integer id = ids.get(text);
        return id == null ? -1 : id;
    }

    boolean isControl(int id) {
        return types[id] == CONTROL || types[id] == UNKNOWN || types[id] == UNUSED;
    }

    /** A stretch of input: raw text to tokenize (id -1), or a special token's id. */
    record Piece(String text, int id) {
    }

    /**
     * Splits text around special tokens, at each point taking the earliest occurrence (the longest
     * where several start there). User-defined tokens always split; control tokens only with parseSpecial.
     */
    List<Piece> split(String text, boolean parseSpecial) {
        List<Piece> out = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int best = -1, at = text.length();
            for (int id : specials) {
                if (!parseSpecial && types[id] != USER_DEFINED) continue;
                int i = text.indexOf(tokens[id], from);
                if (i >= 0 && i < at) { // specials are longest first: a tie keeps the longer
                    at = i;
                    best = id;
                }
            }
            if (best < 0) break;
            if (at > from) out.add(new Piece(text.substring(from, at), -1));
            out.add(new Piece(tokens[best], best));
            from = at + tokens[best].length();
        }
        if (from < text.length()) out.add(new Piece(text.substring(from), -1));
        return out;
    }

    static int[] toArray(List<Integer> ids) {
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return tokens.length + " tokens" + (tokens.length < 8 ? " " + Arrays.toString(tokens) : "");
    }
}
