package org.llmbench.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * GPT-2's byte-level BPE on a hand-built vocabulary: ids 0 .. 255 are the stand-in characters of
 * bytes 0 .. 255 (printable Latin-1 bytes stand for themselves, the others map in order to U+0100
 * onwards, so space is Ġ U+0120 and newline Ċ U+010A), then merged tokens. Expected ids follow the
 * definition: the regex splits words, and within a word the lowest-ranked merge applies first.
 */
class ByteLevelBpeTest {
    static final String[][] MERGES = {{"Ġ", "t"}, {"h", "e"}, {"Ġt", "he"}, {"e", "r"}, {"Ġ", "Ġ"}};
    static final String[] MERGED = {"Ġt", "he", "Ġthe", "er", "ĠĠ", "<|endoftext|>"};

    /** The stand-in character of a byte, from GPT-2's definition. */
    static char standIn(int b) {
        int n = 0;
        for (int c = 0; c < 256; c++) {
            boolean printable = (c >= 0x21 && c <= 0x7E) || (c >= 0xA1 && c <= 0xAC) || (c >= 0xAE && c <= 0xFF);
            if (c == b) return printable ? (char) c : (char) (256 + n);
            if (!printable) n++;
        }
        throw new AssertionError();
    }

    static int id(String token) {
        if (token.length() == 1) {
            for (int b = 0; b < 256; b++) if (standIn(b) == token.charAt(0)) return b;
        }
        return 256 + List.of(MERGED).indexOf(token);
    }

    static ByteLevelBpe tokenizer() {
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) tokens.add(String.valueOf(standIn(b)));
        tokens.addAll(List.of(MERGED));
        int[] types = new int[tokens.size()];
        java.util.Arrays.fill(types, Vocabulary.NORMAL);
        types[tokens.size() - 1] = Vocabulary.CONTROL;
        Vocabulary v = new Vocabulary(tokens.toArray(new String[0]), types, tokens.size() - 1, tokens.size() - 1, -1, false);
        return new ByteLevelBpe(v, List.of(MERGES), ByteLevelBpe.GPT2_SPLIT, false, "test");
    }

    private final ByteLevelBpe bpe = tokenizer();

    @Test
    void theStandInCharactersAreGpt2s() {
        assertEquals('Ġ', standIn(' '));
        assertEquals('Ċ', standIn('\n'));
        assertEquals('Ā', standIn(0));
        assertEquals("ĠhÃ©", ByteLevelBpe.toByteChars(" hé"));
    }

    @Test
    void wordsMergeByRank() {
        // "the" -> t h e: h+e (rank 1); t+he is no merge
        // " there" -> Ġ t h e r e: Ġ+t (0), h+e (1), Ġt+he (2); e+r lost its e to he
        assertArrayEquals(new int[]{id("t"), id("he"), id("Ġthe"), id("r"), id("e")}, bpe.encode("the there", false));
        assertArrayEquals(new int[]{id("Ġt"), id("er")}, bpe.encode(" ter", false));
    }

    @Test
    void theRegexKeepsWhitespaceRunsApartFromTheNextWord() {
        // "a   b": "a", "  " (the run less its last space), " b"; Ġ+Ġ merges within the run only
        assertArrayEquals(new int[]{id("a"), id("ĠĠ"), id("Ġ"), id("b")}, bpe.encode("a   b", false));
        // digits and symbols are words of their own, each with its leading space
        assertArrayEquals(new int[]{id("x"), id("Ġ"), id("1"), id("2"), id("Ġ"), id("!"), id("?")}, bpe.encode("x 12 !?", false));
        // contractions split off
        assertArrayEquals(new int[]{id("I"), id("'"), id("m")}, bpe.encode("I'm", false));
    }

    @Test
    void unicodeIsItsUtf8BytesAndDecodesBack() {
        assertArrayEquals(new int[]{0xC3, 0xA9}, bpe.encode("é", false));
        assertArrayEquals(new int[]{id("Ġ"), 0xF0, 0x9F, 0x98, 0x80}, bpe.encode(" 😀", false));
        String text = "the there\n\n  héllo 😀 ünïcödé\ttabs  ";
        assertEquals(text, bpe.decode(bpe.encode(text, true)));
    }

    @Test
    void theEndOfTextTokenSplitsWhenParsedAndPrintsNothing() {
        int eot = 256 + MERGED.length - 1;
        assertArrayEquals(new int[]{id("a"), eot, id("b")}, bpe.encode("a<|endoftext|>b", true));
        assertTrue(bpe.encode("a<|endoftext|>b", false).length > 3);
        assertEquals("ab", bpe.decode(new int[]{id("a"), eot, id("b")}));
        assertFalse(bpe.addBos());
        assertArrayEquals(new int[]{id("a")}, bpe.encodePrompt("a"));
    }
}
