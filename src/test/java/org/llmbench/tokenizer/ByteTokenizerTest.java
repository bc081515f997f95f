package org.llmbench.tokenizer;

import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class ByteTokenizerTest {
    private final ByteTokenizer t = new ByteTokenizer(32000);

    @Test
    void eachUtf8ByteIsOneTokenPastTheThreeSpecialOnes() {
        assertArrayEquals(new int[]{3 + 'H', 3 + 0xC3, 3 + 0xA9, 3 + ' ', 3 + ' ', 3 + '\n'}, t.encode("Hé  \n", false));
        assertArrayEquals(new int[]{1, 3 + 'a'}, t.encodePrompt("a"));
        assertArrayEquals(new int[]{3 + 'a', 2, 3 + 'b'}, t.encode("a</s>b", true));
        assertEquals(6, t.encode("a</s>b", false).length, "as text, </s> is its four bytes");
        assertEquals("ünï 😀\t", t.decode(t.encode("ünï 😀\t", false)));
    }

    @Test
    void idsPastTheBytesPrintTheirNumberAndSpecialsNothing() {
        assertEquals(" t1234 t259", t.decode(new int[]{1234, 259}));
        assertEquals("", t.decode(new int[]{0, 1, 2}));
        assertEquals("</s>", t.text(2));
        assertArrayEquals("x".getBytes(StandardCharsets.US_ASCII), t.bytes(3 + 'x'));
    }

    @Test
    void aVocabularyTooSmallForTheBytesIsRefused() {
        assertTrue(assertThrows(LlmbenchException.class, () -> new ByteTokenizer(100)).getMessage().contains("at least 259"));
    }

    @Test
    void streamedBytesComeOutAsWholeCharacters() {
        Utf8Assembler a = new Utf8Assembler();
        byte[] b = "é😀x".getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        String[] pieces = new String[b.length];
        for (int i = 0; i < b.length; i++) {
            pieces[i] = a.add(new byte[]{b[i]});
            out.append(pieces[i]);
        }
        assertArrayEquals(new String[]{"", "é", "", "", "", "😀", "x"}, pieces);
        assertEquals("é😀x", out.toString());
        assertEquals("", a.add(new byte[]{(byte) 0xE2, (byte) 0x96}));
        assertEquals("\uFFFD", a.flush(), "a broken character at the end is flushed as U+FFFD");
    }
}
