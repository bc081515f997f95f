package org.llmbench.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level BPE (GGUF {@code tokenizer.ggml.model = gpt2}; a tokenizer.json with a ByteLevel
 * pre-tokenizer): text is cut into words by a regular expression, each word's UTF-8 bytes are
 * written as GPT-2's 256 printable stand-in characters (space is "Ġ"), and the characters merge by
 * the ranked merge list, lowest rank first.
 */
final class ByteLevelBpe implements Tokenizer {
    /** GPT-2's split: contractions, letters, digits, other symbols, each with an optional leading space; whitespace runs. */
    static final String GPT2_SPLIT = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    /** Llama 3's split (GGUF pre "llama-bpe"): case-insensitive contractions, digits in threes, newlines apart. */
    static final String LLAMA3_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static final char[] BYTE_CHAR = new char[256];
    private static final Map<Character, Integer> CHAR_BYTE = new HashMap<>();

    static {
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_CHAR[b] = printable ? (char) b : (char) (256 + extra++);
            CHAR_BYTE.put(BYTE_CHAR[b], b);
        }
    }

    private final Vocabulary vocab;
    private final Map<SentencePieceBpe.Pair, Integer> ranks;
    private final Pattern split;
    private final boolean ignoreMerges;
    private final String source;

    ByteLevelBpe(Vocabulary vocab, List<String[]> merges, String splitRegex, boolean ignoreMerges, String source) {
        this.vocab = vocab;
        this.ranks = new HashMap<>(merges.size() * 2);
        for (int i = 0; i < merges.size(); i++) ranks.putIfAbsent(new SentencePieceBpe.Pair(merges.get(i)[0], merges.get(i)[1]), i);
        this.split = Pattern.compile(splitRegex, Pattern.UNICODE_CHARACTER_CLASS);
        this.ignoreMerges = ignoreMerges;
        this.source = source;
    }

    /** A string's UTF-8 bytes as GPT-2's stand-in characters. */
    static String toByteChars(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) sb.append(BYTE_CHAR[b & 0xFF]);
        return sb.toString();
    }

    @Override
    public int[] encode(String text, boolean parseSpecial) {
        List<Integer> out = new ArrayList<>();
        for (Vocabulary.Piece p : vocab.split(text, parseSpecial)) {
            if (p.id() >= 0) {
                out.add(p.id());
                continue;
            }
            Matcher m = split.matcher(p.text());
            while (m.find()) word(toByteChars(m.group()), out);
        }
        return Vocabulary.toArray(out);
    }

    private void word(String chars, List<Integer> out) {
        if (ignoreMerges && vocab.id(chars) >= 0) {
            out.add(vocab.id(chars));
            return;
        }
        List<String> symbols = BpeMerger.merge(BpeMerger.codePoints(chars), (l, r) -> {
            Integer rank = ranks.get(new SentencePieceBpe.Pair(l, r));
            return rank == null ? Double.NaN : -rank;
        });
        for (String s : symbols) {
            int id = vocab.id(s);
            if (id >= 0) {
                out.add(id);
            } else { // a merge result missing from the vocabulary: its characters one by one
                for (String c : BpeMerger.codePoints(s)) out.add(vocab.id(c) >= 0 ? vocab.id(c) : Math.max(vocab.unk, 0));
            }
        }
    }

    @Override
    public byte[] bytes(int id) {
        if (id < 0 || id >= vocab.size() || vocab.isControl(id)) return new byte[0];
        String t = vocab.tokens[id];
        if (vocab.types[id] == Vocabulary.USER_DEFINED) return t.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(t.length());
        t.codePoints().forEach(cp -> {
            Integer b = cp < 0x10000 ? CHAR_BYTE.get((char) cp) : null;
            if (b != null) {
                out.write(b);
            } else { // not a stand-in character: the character itself
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            }
        });
        return out.toByteArray();
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
        return "byte-level BPE, " + vocab.size() + " tokens, " + ranks.size() + " merges (" + source + ")";
    }
}
