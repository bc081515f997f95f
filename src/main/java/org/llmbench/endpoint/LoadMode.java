package org.llmbench.endpoint;

import org.llmbench.LlmbenchException;

import java.util.Locale;

/** How requests are sent to one endpoint. */
public enum LoadMode {
    /** One request at a time. */
    SEQUENTIAL,
    /** N requests in flight per endpoint; the next one leaves when one finishes (closed loop). */
    CONCURRENT,
    /** Requests leave on a seeded gamma arrival schedule whatever the answers do (open loop). */
    RATE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LoadMode parse(String text) {
        for (LoadMode m : values()) {
            if (m.label().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) return m;
        }
        throw new LlmbenchException("--mode '" + text + "' is invalid; valid modes are sequential, concurrent and rate.");
    }
}
