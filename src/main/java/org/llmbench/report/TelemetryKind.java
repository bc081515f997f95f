package org.llmbench.report;

import java.util.Locale;

/**
 * What a secondary metric measures, judged by its unit first and its label second, so the
 * telemetry profiler's metrics are recognised whatever their exact labels.
 */
public enum TelemetryKind {
    POWER("power", "W"), ENERGY("energy", "J"), TEMPERATURE("temperature", "°C"), MEMORY("memory", "bytes"),
    TOKENS_PER_JOULE("tokens per joule", "tokens/J"), OTHER("other", "");

    public final String title;
    public final String unit;

    TelemetryKind(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    public static TelemetryKind of(String label, String unit) {
        String u = unit == null ? "" : unit.trim();
        String l = label == null ? "" : label.toLowerCase(Locale.ROOT);
        String ul = u.toLowerCase(Locale.ROOT);
        if (ul.equals("tokens/j") || ul.equals("tok/j") || l.contains("tokens/j") || l.contains("tokensperjoule") || l.contains("tokens.per.joule")
                || l.contains("tokens_per_joule") || l.contains("tokens per joule")) {
            return TOKENS_PER_JOULE;
        }
        if (u.equals("W") || u.equals("mW") || u.equals("kW")) return POWER;
        if (u.equals("J") || u.equals("mJ") || u.equals("kJ") || u.equals("Wh")) return ENERGY;
        if (u.equals("C") || u.equals("°C") || ul.equals("degc") || ul.equals("celsius")) return TEMPERATURE;
        if (!u.contains("/") && (ul.equals("b") || ul.equals("bytes") || ul.matches("[kmgt]i?b"))) return MEMORY;
        return OTHER;
    }

    /** Factor to this kind's base unit (W, J, °C, bytes); 1 when already there or unknown. */
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
