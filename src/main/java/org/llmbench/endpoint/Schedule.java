package org.llmbench.endpoint;

import org.llmbench.LlmbenchException;

import java.util.Locale;

/** How several endpoints share one run. */
public enum Schedule {
    /**
     * Round robin in small steps, one endpoint at a time: every endpoint sees the same stretch of time
     * (same network, same neighbours) without competing for the client or for a GPU they may share.
     */
    INTERLEAVED,
    /** All endpoints loaded at once, each with its own concurrency or rate: half the wall time, but they compete. */
    PARALLEL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Schedule parse(String text) {
        for (Schedule s : values()) {
            if (s.label().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) return s;
        }
        throw new LlmbenchException("--schedule '" + text + "' is invalid; valid schedules are interleaved and parallel.");
    }
}
