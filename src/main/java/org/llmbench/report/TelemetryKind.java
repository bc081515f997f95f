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
        if (ul.equals("tokens/j") || ul.equals("tok/j") || ul.equals("tokens/s/w") || l.contains("tokens/j") || l.contains("tokensperjoule") || l.contains("tokens.per.joule")
                || l.contains("tokens_per_joule") || l.contains("tokens per joule")) {
            return TOKENS_PER_JOULE;
        }
        if (u.equals("W") || u.equals("mW") || u.equals("kW")) return POWER;
        if (u.equals("J") || u.equals("mJ") || u.equals("kJ") || u.equals("Wh")) return ENERGY;
        if (u.equals("C") || u.equals("°C") || ul.equals("degc") || ul.equals("celsius")) return TEMPERATURE;
        if (!u.contains("/") && (ul.equals("b") || ul.equals("bytes") || ul.matches("[kmgt]i?b"))) return MEMORY;
        return OTHER;
    }

    /**
     * Which of several metrics of one kind stands for it (lower wins; negative: never): averages over
     * peaks for power and temperature, GPU memory used, then process RSS, then JVM heap used; never a
     * device's total capacity. Labels follow the telemetry profiler (llm.gpu.power.avg, llm.cpu.rss.peak, ...).
     */
    public int rank(String label) {
        String l = label == null ? "" : label.toLowerCase(Locale.ROOT);
        return switch (this) {
            case MEMORY -> l.contains("total") ? -1 : l.contains("gpu.mem.used") ? 0 : l.contains("rss") ? 1 : l.contains("heap.used") ? 2
                    : l.contains("used") || l.contains("allocated") ? 3 : 4;
            case POWER, TEMPERATURE -> (l.contains("gpu") ? 0 : 2) + (l.contains("peak") || l.contains("max") ? 1 : 0);
            case ENERGY, TOKENS_PER_JOULE -> l.contains("gpu") ? 0 : 1;
            case OTHER -> -1;
        };
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
