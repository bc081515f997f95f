package org.llmbench.monitor;

/** A series as one line of bar characters, lowest to highest, scaled to a fixed range; unknown values are blank. */
final class Sparkline {
    private static final char[] BLOCKS = {'\u2581', '\u2582', '\u2583', '\u2584', '\u2585', '\u2586', '\u2587', '\u2588'};
    private static final char[] ASCII = {'_', '.', ',', '-', '=', '+', '*', '#'};

    private Sparkline() {
    }

    /** The last {@code width} values between lo and hi (clamped); {@code unicode} false uses ASCII for terminals without UTF-8. */
    static String of(double[] values, double lo, double hi, int width, boolean unicode) {
        char[] ramp = unicode ? BLOCKS : ASCII;
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, values.length - width); i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v) || v < 0) {
                sb.append(' ');
                continue;
            }
            double f = hi > lo ? (v - lo) / (hi - lo) : 0;
            int level = (int) Math.round(Math.max(0, Math.min(1, f)) * (ramp.length - 1));
            sb.append(ramp[level]);
        }
        return sb.toString();
    }
}
