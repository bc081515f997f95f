package org.llmbench.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SentencePiece BPE on a hand-built vocabulary. Expected ids follow the algorithm's definition:
 * spaces become ▁ with one in front of the text, the adjacent pair whose joined text is a token with
 * the highest score merges first (leftmost among equals), and what no token covers falls back to
 * its UTF-8 bytes' tokens.
 */
class SentencePieceBpeTest {
    static final String S = "\u2581";
    // 0 <unk>, 1 <s>, 2 </s>, 3 .. 258 the bytes, then these, with their scores
    static final String[] PIECES = {S, "a", "b", "c", "x", "y", "z", "q", "ab", "bc", S + "a", S + "ab", "yz", "xy", "qq", S + S, "<|user|>"};
    static final float[] SCORES = {-10, -11, -12, -13, -14, -15, -16, -17, -1, -2, -3, -0.5f, -4, -5, -6, -7, 0};

    static int id(String piece) {
        return 259 + Arrays.asList(PIECES).indexOf(piece);
    }

    static int byteId(int b) {
        return 3 + b;
    }

    static SentencePieceBpe tokenizer(boolean spacePrefix) {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Integer> types = new ArrayList<>(List.of(Vocabulary.UNKNOWN, Vocabulary.CONTROL, Vocabulary.CONTROL));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format(Locale.ROOT, "<0x%02X>", b));
            types.add(Vocabulary.BYTE);
        }
        for (String p : PIECES) {
            tokens.add(p);
            types.add(p.equals("<|user|>") ? Vocabulary.USER_DEFINED : Vocabulary.NORMAL);
        }
        float[] scores = new float[tokens.size()];
        for (int i = 0; i < PIECES.length; i++) scores[259 + i] = SCORES[i];
        Vocabulary v = new Vocabulary(tokens.toArray(new String[0]), types.stream().mapToInt(Integer::intValue).toArray(), 1, 2, 0, true);
        return SentencePieceBpe.withScores(v, scores, spacePrefix, "test");
    }

    private final SentencePieceBpe spm = tokenizer(true);

    @Test
    void theHighestScoringPairMergesFirstThenTheNewPairs() {
        // ▁ a b c: ab (-1) beats bc (-2) and ▁a (-3); then ▁+ab = ▁ab (-0.5) merges; ▁abc is no token
        assertArrayEquals(new int[]{id(S + "ab"), id("c")}, spm.encode("abc", false));
        // without the space prefix: a b c -> ab c
        assertArrayEquals(new int[]{id("ab"), id("c")}, tokenizer(false).encode("abc", false));
        // x y z: yz (-4) beats xy (-5), so the later pair merges
        assertArrayEquals(new int[]{id("x"), id("yz")}, tokenizer(false).encode("xyz", false));
        // q q q: equal scores, the leftmost pair first
        assertArrayEquals(new int[]{id("qq"), id("q")}, tokenizer(false).encode("qqq", false));
    }

    @Test
    void whitespaceRunsBecomeRunsOfTheSpaceSymbol() {
        // "a  b" -> ▁a▁▁b: ▁a (-3) first, then ▁▁ (-7); "▁b" is no token, so ▁ and b stay apart... but ▁▁ took both spaces
        assertArrayEquals(new int[]{id(S + "a"), id(S + S), id("b")}, spm.encode("a  b", false));
        // three spaces: ▁▁ then a lone ▁ (leftmost pair first)
        assertArrayEquals(new int[]{id(S + S), id(S), id("c")}, tokenizer(false).encode("   c", false));
    }

    @Test
    void charactersNoTokenCoversFallBackToTheirUtf8Bytes() {
        // é is C3 A9; 😀 is F0 9F 98 80; ▁ before é merges with nothing
        assertArrayEquals(new int[]{id(S), byteId(0xC3), byteId(0xA9)}, spm.encode("é", false));
        assertArrayEquals(new int[]{id("a"), byteId(0xF0), byteId(0x9F), byteId(0x98), byteId(0x80), id("b")},
                tokenizer(false).encode("a😀b", false));
        assertArrayEquals(new int[]{id("a"), byteId('\n'), id("b")}, tokenizer(false).encode("a\nb", false));
    }

    @Test
    void controlTokensSplitOnlyWhenAskedAndEachFragmentAfterOneGetsTheSpacePrefix() {
        assertArrayEquals(new int[]{1, id(S + "ab"), 2, id(S + "a")}, spm.encode("<s>ab</s>a", true));
        int[] plain = spm.encode("<s>", false); // as text: ▁ < s > -> bytes for < s >
        assertArrayEquals(new int[]{id(S), byteId('<'), byteId('s'), byteId('>')}, plain);
        // a user-defined token splits even without parseSpecial
        assertArrayEquals(new int[]{id("<|user|>"), id(S + "a")}, spm.encode("<|user|>a", false));
    }

    @Test
    void decodingGivesBackTheTextWithItsSpacePrefix() {
        String text = "abc é😀  xyz\nqqq";
        int[] ids = spm.encode(text, true);
        assertEquals(" " + text, spm.decode(ids));
        assertEquals(text, tokenizer(false).decode(tokenizer(false).encode(text, true)));
        assertEquals("", spm.decode(new int[]{1, 2, 0}), "control tokens print nothing");
    }

    @Test
    void aPromptStartsWithBosOnce() {
        assertArrayEquals(new int[]{1, id(S + "ab")}, spm.encodePrompt("ab"));
        assertArrayEquals(new int[]{1, id(S + "ab")}, spm.encodePrompt("<s>ab"));
    }

    @Test
    void aLongTextIsOneWordThatMergesLikeItsParts() {
        String text = "abc xyz qqq ".repeat(2000); // 24,000 characters as one SentencePiece word
        int[] ids = spm.encode(text, true);
        assertEquals(" " + text, spm.decode(ids));
        assertEquals(2000 * 8 + 1, ids.length, "each repetition is ▁ab c ▁ x yz ▁ qq q; the final space is one ▁");
    }
}
