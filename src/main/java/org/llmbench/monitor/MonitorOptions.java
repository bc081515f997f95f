package org.llmbench.monitor;

import org.llmbench.LlmbenchException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the user asked of {@code monitor}.
 *
 * @param duration how long to run, or null to run until q / Ctrl-C
 * @param csv      a new file to append every sample to, or null
 * @param device   one NVML device index, or {@code GpuSet.ALL}
 */
public record MonitorOptions(Duration interval, Duration duration, boolean simple, Path csv, int device) {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);

    public MonitorOptions {
        if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
            throw new LlmbenchException("--interval " + text(interval) + " is too short; the shortest interval is 100ms.");
        }
    }

    /** "500ms", "1s", "1.5s", "10m", "2h" or a plain number of seconds; one sentence naming the bad value otherwise. */
    public static Duration parseDuration(String option, String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = n * switch (unit) {
                case "ms" -> 1;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 1000;
            };
            if (millis >= 1 && millis < Long.MAX_VALUE / 2_000_000) return Duration.ofMillis(Math.round(millis));
        }
        throw new LlmbenchException(option + " '" + text + "' is invalid; give a positive duration such as 500ms, 1s, 10m or 2h.");
    }

    static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
