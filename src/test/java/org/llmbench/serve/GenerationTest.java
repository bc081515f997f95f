package org.llmbench.serve;

import org.junit.jupiter.api.Test;
import org.llmbench.tokenizer.ByteTokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** One request's token-by-token text: UTF-8 assembly, stop strings held back, EOS, length; and its sampler. */
class GenerationTest {
    private static final ByteTokenizer BYTES = new ByteTokenizer(32000);

    private static List<Event> run(String text, List<String> stops, int maxTokens, boolean ignoreEos, int... extra) {
        Generation g = new Generation(new int[]{1}, new GenerationParams(maxTokens, 0, 1, 0, stops, ignoreEos), BYTES);
        List<Integer> ids = new ArrayList<>();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) ids.add(3 + (b & 0xFF));
        for (int e : extra) ids.add(e);
        for (int id : ids) {
            if (g.accept(id)) {
                g.sendEnd();
                break;
            }
        }
        return new ArrayList<>(g.events);
    }

    private static String texts(List<Event> events) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) if (e instanceof Event.Text t) sb.append(t.text()); else sb.append('|');
        return sb.toString();
    }

    @Test
    void aSplitCharacterIsSentWhole() {
        List<Event> ev = run("é!", List.of(), 10, false, ByteTokenizer.EOS);
        assertEquals(List.of(new Event.Text("é"), new Event.Text("!"), new Event.Done("stop", 1, 4, 0)), ev, "é takes two tokens, sent as one piece; EOS counts as generated");
    }

    @Test
    void stopStringsAreHeldBackThenCut() {
        assertEquals("ab|", texts(run("abXYc", List.of("XY"), 10, false)));
        List<Event> ev = run("abXcd", List.of("XY"), 5, false);
        assertEquals(new Event.Text("Xc"), ev.get(2), "X is held until c shows it starts no stop string");
        assertEquals(new Event.Done("length", 1, 5, 0), ev.get(ev.size() - 1));
        assertEquals("aX|", texts(run("aX", List.of("XY"), 2, false)), "at the length limit the held text is sent");
        assertEquals("aX|", texts(run("aX", List.of("XY"), 10, false, ByteTokenizer.EOS)), "... and at EOS");
    }

    @Test
    void ignoreEosKeepsGoingToTheLength() {
        List<Event> ev = run("a", List.of(), 3, true, ByteTokenizer.EOS, 3 + 'b');
        assertEquals(new Event.Done("length", 1, 3, 0), ev.get(ev.size() - 1));
        assertEquals("ab|", texts(ev));
    }

    @Test
    void samplingIsGreedyAtZeroAndSeededOtherwise() {
        float[] logits = {0.1f, 3f, 3f, -1f, 2.9f};
        assertEquals(1, new TokenSampler(0, 1, 7).sample(logits, 0, 5), "the first of equal maxima, as generate picks");
        int[] a = new int[50], b = new int[50];
        TokenSampler s1 = new TokenSampler(1, 1, 42), s2 = new TokenSampler(1, 1, 42);
        for (int i = 0; i < 50; i++) {
            a[i] = s1.sample(logits, 0, 5);
            b[i] = s2.sample(logits, 0, 5);
        }
        assertArrayEquals(a, b);
        // top_p 0.5 keeps the smallest set whose mass reaches half: tokens 1 and 2 (0.34 each of the exp mass); never 4, 0 or 3
        TokenSampler nucleus = new TokenSampler(1, 0.5f, 3);
        boolean[] seen = new boolean[5];
        for (int i = 0; i < 400; i++) seen[nucleus.sample(logits, 0, 5)] = true;
        assertArrayEquals(new boolean[]{false, true, true, false, false}, seen);
    }
}
