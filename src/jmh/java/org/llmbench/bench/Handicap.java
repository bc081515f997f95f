package org.llmbench.bench;

import org.llmbench.LlmbenchException;

/**
 * A known slowdown, for checking that a regression gate catches one: with {@code -Dllmbench.handicap=10%}
 * in a fork's JVM options, every operation is followed by a busy spin of the right length for the
 * benchmark's throughput to fall by that fraction (each operation takes 1 / (1 - 0.10) of its own time),
 * so the slowdown is real work on the CPU and carries the machine's own noise. Off (0) by default.
 */
final class Handicap {
    static final String PROPERTY = "llmbench.handicap";

    /** Spin nanoseconds per nanosecond of work: s / (1 - s) for a slowdown s. */
    private final double extraPerNano;

    private Handicap(double slowdown) {
        this.extraPerNano = slowdown / (1 - slowdown);
    }

    /** From the system property ("10%" or "0.10"); no property means no handicap. */
    static Handicap fromSystemProperty() {
        return new Handicap(parse(System.getProperty(PROPERTY)));
    }

    static double parse(String value) {
        if (value == null || value.isBlank()) return 0;
        String t = value.trim();
        boolean percent = t.endsWith("%");
        try {
            double s = Double.parseDouble(percent ? t.substring(0, t.length() - 1).trim() : t) / (percent ? 100 : 1);
            if (s >= 0 && s < 0.95) return s;
        } catch (NumberFormatException ignored) {
            // the sentence below names the value
        }
        throw new LlmbenchException("-D" + PROPERTY + "='" + value + "' is invalid; give the throughput to lose, such as 10% or 0.10 (0 to 95%).");
    }

    boolean active() {
        return extraPerNano > 0;
    }

    /** Call after an operation that started at {@code startNanos}: spins for the handicap's share of it. */
    void after(long startNanos) {
        long now = System.nanoTime();
        long until = now + (long) ((now - startNanos) * extraPerNano);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
