package org.llmbench.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SentencePiece-style BPE with byte fallback, as the Llama family's vocabulary works (GGUF
 * {@code tokenizer.ggml.model = llama}; a tokenizer.json BPE model with byte_fallback): spaces become
 * U+2581 ("▁"), a text fragment at the start or after a special token gets one in front (when the
 * vocabulary adds a space prefix, as llama.cpp does), the fragment's characters merge pair by pair
 * (highest score, or lowest merge rank, first), and a character no token covers becomes its UTF-8
 * bytes' tokens ({@code <0xE4>} ...), or the unknown token where the vocabulary has no byte tokens.
 */
final class SentencePieceBpe implements Tokenizer {
    static final String SPACE = "\u2581";

    private final Vocabulary vocab;
    private final BpeMerger.Priority priority;
    private final boolean addSpacePrefix;
    private final int[] byteIds = new int[256];
    private final String source;

    private SentencePieceBpe(Vocabulary vocab, BpeMerger.Priority priority, boolean addSpacePrefix, String source) {
        this.vocab = vocab;
        this.priority = priority;
        this.addSpacePrefix = addSpacePrefix;
        this.source = source;
        for (int b = 0; b < 256; b++) byteIds[b] = vocab.id(String.format(Locale.ROOT, "<0x%02X>", b));
    }

    /** Merges by score (GGUF): a pair merges if their joined text is a token, higher score first. */
    static SentencePieceBpe withScores(Vocabulary vocab, float[] scores, boolean addSpacePrefix, String source) {
        return new SentencePieceBpe(vocab, (l, r) -> {
            int id = vocab.id(l + r);
            return id < 0 ? Double.NaN : scores[id];
        }, addSpacePrefix, source);
    }

    /** Merges by rank (tokenizer.json): a listed pair merges, earlier in the list first. */
    static SentencePieceBpe withMerges(Vocabulary vocab, List<String[]> merges, boolean addSpacePrefix, String source) {
        Map<Pair, Integer> ranks = new HashMap<>(merges.size() * 2);
        for (int i = 0; i < merges.size(); i++) ranks.putIfAbsent(new Pair(merges.get(i)[0], merges.get(i)[1]), i);
        return new SentencePieceBpe(vocab, (l, r) -> {
            Integer rank = ranks.get(new Pair(l, r));
            return rank == null || vocab.id(l + r) < 0 ? Double.NaN : -rank;
        }, addSpacePrefix, source);
    }

    record Pair(String left, String right) {
    }

    @Override
    public int[] encode(String text, boolean parseSpecial) {
        List<Integer> out = new ArrayList<>();
        boolean afterSpecial = true; // the start counts as "after a special token"
        for (Vocabulary.Piece p : vocab.split(text, parseSpecial)) {
            if (p.id() >= 0) {
                out.add(p.id());
                afterSpecial = true;
                continue;
            }
            String s = (addSpacePrefix && afterSpecial ? " " : "") + p.text();
            afterSpecial = false;
            for (String symbol : BpeMerger.merge(BpeMerger.codePoints(s.replace(" ", SPACE)), priority)) {
                int id = vocab.id(symbol);
                if (id >= 0) {
                    out.add(id);
                } else {
                    for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
                        int byteId = byteIds[b & 0xFF];
                        out.add(byteId >= 0 ? byteId : Math.max(vocab.unk, 0));
                    }
                }
            }
        }
        return Vocabulary.toArray(out);
    }

    @Override
    public byte[] bytes(int id) {
        if (id < 0 || id >= vocab.size()) return new byte[0];
        int type = vocab.types[id];
        if (type == Vocabulary.BYTE) {
            String t = vocab.tokens[id]; // <0xNN>
            return new byte[]{(byte) Integer.parseInt(t.substring(3, t.length() - 1), 16)};
        }
        if (vocab.isControl(id)) return new byte[0];
        return vocab.tokens[id].replace(SPACE, " ").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String text(int id) {
        return vocab.tokens[id];
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    @Override
    public int bos() {
        return vocab.bos;
    }

    @Override
    public int eos() {
        return vocab.eos;
    }

    @Override
    public boolean addBos() {
        return vocab.addBos;
    }

    @Override
    public String describe() {
        return "SentencePiece BPE with byte fallback, " + vocab.size() + " tokens (" + source + ")";
    }
}
