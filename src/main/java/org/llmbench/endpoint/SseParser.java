package org.llmbench.endpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-Sent Events framing, by hand after the WHATWG HTML standard ("Interpreting an event
 * stream"): lines end at CRLF, LF or CR; a blank line dispatches the event; {@code data:} lines are
 * joined with LF; lines starting with ':' are comments (keep-alives); one space after the colon is
 * dropped; unknown fields are ignored; a leading UTF-8 BOM is skipped; data still pending at the
 * end of the stream is discarded. Bytes arrive in any split; nothing is buffered beyond one line
 * and one event, each bounded so a server sending garbage cannot make us hold it.
 */
final class SseParser {
    /** A line or an event beyond the bound: the stream is not SSE we are willing to hold. */
    static final class TooLongException extends Exception {
        TooLongException(String message) {
            super(message, null, false, false);
        }
    }

    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean dataSeen, afterCr, firstLine = true;

    SseParser(int maxLineAndEventBytes) {
        this.maxBytes = maxLineAndEventBytes;
    }

    /** Parses the bytes and returns the data of each event they completed, in order (the event type is not needed by the OpenAI API). */
    List<String> feed(ByteBuffer bytes) throws TooLongException {
        List<String> events = new ArrayList<>(2);
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n' && afterCr) { // the LF of a CRLF: the line already ended at the CR
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine(events);
            } else {
                if (line.size() >= maxBytes) throw new TooLongException("an SSE line longer than " + maxBytes + " bytes");
                line.write(b);
            }
        }
        return events;
    }

    /** End of the stream: an event without its blank line is discarded, as the standard says. */
    void end() {
        line.reset();
        data.setLength(0);
        dataSeen = false;
    }

    private void endLine(List<String> events) throws TooLongException {
        byte[] raw = line.toByteArray();
        line.reset();
        int start = 0;
        if (firstLine && raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF) start = 3;
        firstLine = false;
        String text = new String(raw, start, raw.length - start, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            dispatch(events);
            return;
        }
        if (text.charAt(0) == ':') return; // comment
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        if (field.equals("data")) {
            if (data.length() + value.length() + 1 > maxBytes) throw new TooLongException("an SSE event longer than " + maxBytes + " bytes");
            data.append(value).append('\n');
            dataSeen = true;
        }
        // "event", "id", "retry" and unknown fields change nothing we measure
    }

    private void dispatch(List<String> events) {
        if (!dataSeen) return;
        data.setLength(data.length() - 1); // the last LF
        String event = data.toString();
        data.setLength(0);
        dataSeen = false;
        events.add(event);
    }
}
