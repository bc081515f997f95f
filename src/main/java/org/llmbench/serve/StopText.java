package org.llmbench.serve;

import java.util.List;

/**
 * Generated text checked against a request's stop strings: text that might be the start of a stop
 * string is held back until it is known not to be, and the text from a stop string on is never sent.
 */
final class StopText {
    private final List<String> stops;
    private final StringBuilder pending = new StringBuilder();
    private boolean stopped;

    StopText(List<String> stops) {
        this.stops = stops;
    }

    /** Adds generated text; returns what can be sent now. */
    String add(String text) {
        if (stopped) return "";
        pending.append(text);
        int at = -1;
        for (String s : stops) {
            int i = pending.indexOf(s);
            if (i >= 0 && (at < 0 || i < at)) at = i;
        }
        if (at >= 0) {
            stopped = true;
            String out = pending.substring(0, at);
            pending.setLength(0);
            return out;
        }
        int hold = 0; // the longest end of pending that begins some stop string
        for (String s : stops) {
            for (int k = Math.min(s.length() - 1, pending.length()); k > hold; k--) {
                if (pending.substring(pending.length() - k).equals(s.substring(0, k))) {
                    hold = k;
                    break;
                }
            }
        }
        String out = pending.substring(0, pending.length() - hold);
        pending.delete(0, pending.length() - hold);
        return out;
    }

    boolean stopped() {
        return stopped;
    }

    /** At the end of generation: the held-back text, which turned out to be no stop string. */
    String flush() {
        String out = stopped ? "" : pending.toString();
        pending.setLength(0);
        return out;
    }
}
