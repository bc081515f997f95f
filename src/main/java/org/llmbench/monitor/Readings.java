package org.llmbench.monitor;

import org.llmbench.telemetry.ClockEventReasons;

import java.util.List;
import java.util.Locale;

/** How the monitor writes a value: with its unit, and "n/a" for anything the machine did not say. */
final class Readings {
    static final String NA = "n/a";
    private static final double GIB = 1024.0 * 1024 * 1024, MIB = 1024.0 * 1024;

    private Readings() {
    }

    static boolean known(double v) {
        return !Double.isNaN(v) && v >= 0;
    }

    static String percent(double v) {
        return known(v) ? String.format(Locale.ROOT, "%.0f%%", v) : NA;
    }

    static String number(double v, String format, String unit) {
        return known(v) ? String.format(Locale.ROOT, format, v) + unit : NA;
    }

    static String gib(long bytes) {
        return bytes >= 0 ? String.format(Locale.ROOT, "%.1f", bytes / GIB) : NA;
    }

    /** Bytes as MiB below 10 GiB, GiB above. */
    static String size(long bytes) {
        if (bytes < 0) return NA;
        return bytes < 10 * GIB ? String.format(Locale.ROOT, "%.0fM", bytes / MIB) : String.format(Locale.ROOT, "%.1fG", bytes / GIB);
    }

    /** Clock-event (throttle) reasons by name, "none" for an empty mask, n/a where the GPU does not report them. */
    static String clockEvents(long mask, String separator) {
        if (mask < 0) return NA;
        List<String> names = ClockEventReasons.names(mask);
        return names.isEmpty() ? "none" : String.join(separator, names);
    }

    static String fit(String s, int width) {
        if (width <= 0) return "";
        return s.length() <= width ? s : s.substring(0, width);
    }

    static String pad(String s, int width) {
        return s.length() >= width ? fit(s, width) : s + " ".repeat(width - s.length());
    }
}
