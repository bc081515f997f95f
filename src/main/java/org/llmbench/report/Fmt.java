package org.llmbench.report;

import java.util.Locale;

/** Number formatting for tables: a few significant digits, "—" for not measured. */
public final class Fmt {
    public static final String NONE = "—";

    private Fmt() {
    }

    /** Three significant digits (at least), no exponent for everyday magnitudes. */
    public static String num(double v) {
        if (!Double.isFinite(v)) return Double.isNaN(v) ? NONE : (v > 0 ? "+∞" : "−∞");
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 1e7 || a < 1e-3) return String.format(Locale.ROOT, "%.3g", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    public static String pm(double v, double err) {
        if (!Double.isFinite(v)) return NONE;
        return Double.isFinite(err) ? num(v) + " ± " + num(err) : num(v);
    }

    static String pct(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%+.1f%%", fraction * 100) : NONE;
    }

    public static String mib(double bytes) {
        return Double.isFinite(bytes) ? num(bytes / (1024.0 * 1024)) + " MiB" : NONE;
    }

    public static String usd(double v) {
        if (!Double.isFinite(v)) return NONE;
        return v >= 100 ? String.format(Locale.ROOT, "$%.0f", v) : v >= 1 ? String.format(Locale.ROOT, "$%.2f", v) : String.format(Locale.ROOT, "$%.4f", v);
    }
}
