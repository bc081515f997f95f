package org.llmbench.endpoint;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SseParserTest {
    /** Feeds the text in pieces of {@code step} bytes and returns every event. */
    private static List<String> parse(String text, int step) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        SseParser p = new SseParser(1 << 16);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < b.length; i += step) events.addAll(p.feed(ByteBuffer.wrap(b, i, Math.min(step, b.length - i))));
        p.end();
        return events;
    }

    @Test
    void followsTheStandardsFramingRulesHoweverTheBytesAreSplit() throws Exception {
        String stream = "\uFEFF: keep-alive comment\n"
                + "data: {\"a\":1}\n\n"
                + "event: message\r\nid: 7\r\ndata:first\r\ndata:  second\r\n\r\n"
                + "retry: 100\rdata: cr only\r\r"
                + "data\n\n"
                + "unknown: field\n\n"
                + "data: [DONE]\n\n"
                + "data: pending without its blank line";
        for (int step : new int[]{1, 2, 3, 7, 1000}) {
            assertEquals(List.of("{\"a\":1}", "first\n second", "cr only", "", "[DONE]"), parse(stream, step), "pieces of " + step);
        }
    }

    @Test
    void multiByteCharactersSurviveAnySplit() throws Exception {
        assertEquals(List.of("naïve – 東京 🚀"), parse("data: naïve – 東京 🚀\n\n", 1));
    }

    @Test
    void aLineOrEventBeyondTheBoundStopsTheParser() {
        SseParser p = new SseParser(100);
        assertThrows(SseParser.TooLongException.class, () -> p.feed(ByteBuffer.wrap("x".repeat(101).getBytes(StandardCharsets.UTF_8))));
        SseParser q = new SseParser(100);
        String manyLines = "data: 0123456789012345678901234567890123456789\n".repeat(3);
        assertThrows(SseParser.TooLongException.class, () -> q.feed(ByteBuffer.wrap(manyLines.getBytes(StandardCharsets.UTF_8))));
    }
}
