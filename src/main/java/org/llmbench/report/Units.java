package org.llmbench.report;

import org.llmbench.results.Direction;

import java.util.Locale;
import java.util.Map;

/**
 * What a JMH unit says: which direction is better, and how to express a time-based unit in
 * another one ("us/op" in "ms/op", "ops/ms" in "ops/s").
 */
public final class Units {
    private static final Map<String, Double> SECONDS = Map.of(
            "ns", 1e-9, "us", 1e-6, "µs", 1e-6, "ms", 1e-3, "s", 1.0, "sec", 1.0, "min", 60.0, "m", 60.0, "h", 3600.0, "hr", 3600.0);

    private Units() {
    }

    /** Rates (x/s, ops/ms) are better higher; times per operation (ms/op) and plain times are better lower. */
    public static Direction direction(String unit) {
        String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
        int slash = u.indexOf('/');
        if (slash > 0) {
            String num = u.substring(0, slash), den = u.substring(slash + 1);
            if (SECONDS.containsKey(den)) return Direction.HIGHER_IS_BETTER;   // ops/s, tokens/s, MB/sec
            if (SECONDS.containsKey(num)) return Direction.LOWER_IS_BETTER;    // ms/op
            return Direction.UNKNOWN;
        }
        return SECONDS.containsKey(u) ? Direction.LOWER_IS_BETTER : Direction.UNKNOWN;
    }

    /** The factor that turns a value in {@code from} into {@code to}, or NaN when they are not the same kind. */
    public static double factor(String from, String to) {
        if (from.equals(to)) return 1.0;
        String[] f = from.trim().split("/"), t = to.trim().split("/");
        if (f.length != 2 || t.length != 2) {
            return SECONDS.containsKey(from.trim()) && SECONDS.containsKey(to.trim()) ? SECONDS.get(from.trim()) / SECONDS.get(to.trim()) : Double.NaN;
        }
        if (f[1].equals(t[1]) && SECONDS.containsKey(f[0]) && SECONDS.containsKey(t[0])) {
            return SECONDS.get(f[0]) / SECONDS.get(t[0]);                     // ms/op -> s/op
        }
        if (f[0].equals(t[0]) && SECONDS.containsKey(f[1]) && SECONDS.containsKey(t[1])) {
            return SECONDS.get(t[1]) / SECONDS.get(f[1]);                     // ops/ms -> ops/s
        }
        return Double.NaN;
    }

    /** Seconds in one time unit ("ms" -> 0.001), NaN for anything else. */
    public static double seconds(String timeUnit) {
        Double s = SECONDS.get(timeUnit == null ? "" : timeUnit.trim());
        return s == null ? Double.NaN : s;
    }
    /** Factor to a telemetry quantity's base unit (W, J, °C, bytes); 1 when already there or unknown. */
    public static double toBase(String unit) {
        String u = unit == null ? "" : unit.trim();
        return switch (u) {
            case "mW", "mJ" -> 1e-3;
            case "kW", "kJ", "KB", "kB" -> 1e3;
            case "Wh" -> 3600;
            case "KiB", "kiB" -> 1024;
            case "MB" -> 1e6;
            case "MiB" -> 1024.0 * 1024;
            case "GB" -> 1e9;
            case "GiB" -> 1024.0 * 1024 * 1024;
            case "TB" -> 1e12;
            case "TiB" -> 1024.0 * 1024 * 1024 * 1024;
            default -> 1;
        };
    }
}
