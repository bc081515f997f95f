package org.llmbench.results;

/**
 * Service-level objectives for goodput ({@code --slo ttft=500ms,tpot=50ms,e2e=10s}); NaN = no bound.
 * A request is "good" when it succeeded and meets every bound given. A request with fewer than two
 * output tokens has no TPOT and meets the TPOT bound by default (there is no gap to be late).
 */
public record EndpointSlo(double ttftMs, double tpotMs, double e2eMs) {
    public static final EndpointSlo NONE = new EndpointSlo(Double.NaN, Double.NaN, Double.NaN);

    public boolean isEmpty() {
        return Double.isNaN(ttftMs) && Double.isNaN(tpotMs) && Double.isNaN(e2eMs);
    }

    public boolean met(RequestRecord r) {
        if (!r.ok()) return false;
        if (!Double.isNaN(ttftMs) && !(r.ttftMs() <= ttftMs)) return false;
        if (!Double.isNaN(tpotMs) && Double.isFinite(r.tpotMs()) && r.tpotMs() > tpotMs) return false;
        return Double.isNaN(e2eMs) || r.e2eMs() <= e2eMs;
    }

    /** "ttft ≤ 500 ms, e2e ≤ 10000 ms", or "none". */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (!Double.isNaN(ttftMs)) s.append("ttft ≤ ").append(num(ttftMs)).append(" ms");
        if (!Double.isNaN(tpotMs)) s.append(s.length() > 0 ? ", " : "").append("tpot ≤ ").append(num(tpotMs)).append(" ms");
        if (!Double.isNaN(e2eMs)) s.append(s.length() > 0 ? ", " : "").append("e2e ≤ ").append(num(e2eMs)).append(" ms");
        return s.length() == 0 ? "none" : s.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
