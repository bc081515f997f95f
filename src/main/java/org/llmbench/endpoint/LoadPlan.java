package org.llmbench.endpoint;

import org.llmbench.LlmbenchException;
import org.llmbench.results.EndpointSlo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load of a run: mode, the levels swept (concurrency or rate), how endpoints share the time, and
 * the bounds. Every loop is bounded: at most {@code requestsPerLevel} requests per endpoint and
 * level, each within the request timeout, and no new request after {@code duration}.
 *
 * @param levels           concurrency values, rates in requests/s, or [1] for sequential
 * @param iterations       times each prompt is sent per level (when --requests does not set the count)
 * @param requestsPerLevel measured requests per endpoint and level (prompts cycle)
 * @param duration         no request leaves after this much time in a level; null = none
 * @param burstiness       gamma shape of inter-arrival times (1 = Poisson; &lt; 1 burstier, &gt; 1 more regular)
 * @param seed             seed of the arrival schedule (the same for every endpoint, so each gets the same arrivals)
 * @param maxInFlight      open loop: requests in flight per endpoint at most; beyond it sends wait, and the lag shows it
 */
public record LoadPlan(LoadMode mode, List<Double> levels, Schedule schedule, int warmup, int iterations, int requestsPerLevel,
                       Duration duration, double burstiness, long seed, int maxInFlight, EndpointSlo slo) {
    /** With --duration and no --requests, the count bound of one level. */
    public static final int DURATION_ONLY_REQUEST_CAP = 100_000;

    /** "1,2,4" as concurrency values (whole numbers 1..10000) or rates (requests/s, above 0, at most 100000). */
    public static List<Double> parseLevels(String text, LoadMode mode) {
        String option = mode == LoadMode.RATE ? "--rate" : "--concurrency";
        String valid = mode == LoadMode.RATE ? "rates in requests per second above 0 and at most 100000, e.g. 1,2,4 or 0.5"
                : "whole numbers from 1 to 10000, e.g. 1,4,16";
        List<Double> out = new ArrayList<>();
        for (String part : (text == null ? "" : text).split(",")) {
            String p = part.trim();
            if (!p.matches("[0-9]*\\.?[0-9]+")) throw new LlmbenchException(option + " value '" + p + "' is invalid; give " + valid + ".");
            double v = Double.parseDouble(p);
            boolean ok = mode == LoadMode.RATE ? v > 0 && v <= 100_000 : v >= 1 && v <= 10_000 && v == Math.rint(v);
            if (!ok || !Double.isFinite(v)) throw new LlmbenchException(option + " value '" + p + "' is invalid; give " + valid + ".");
            if (out.contains(v)) throw new LlmbenchException(option + " value '" + p + "' is given twice; give each level once.");
            out.add(v);
        }
        return out;
    }

    /** "ttft=500ms,tpot=50ms,e2e=10s". */
    public static EndpointSlo parseSlo(String text) {
        double ttft = Double.NaN, tpot = Double.NaN, e2e = Double.NaN;
        for (String part : (text == null ? "" : text).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            double ms = eq < 0 ? Double.NaN : millis(p.substring(eq + 1).trim());
            if (!(ms > 0) || !Double.isFinite(ms)) {
                throw new LlmbenchException("--slo '" + p + "' is invalid; give comma-separated ttft=, tpot=, e2e= with a time such as 500ms or 10s, e.g. ttft=500ms,tpot=50ms,e2e=10s.");
            }
            switch (key) {
                case "ttft" -> ttft = ms;
                case "tpot" -> tpot = ms;
                case "e2e" -> e2e = ms;
                default -> throw new LlmbenchException("--slo key '" + key + "' is invalid; valid keys are ttft, tpot and e2e.");
            }
        }
        return new EndpointSlo(ttft, tpot, e2e);
    }

    /** "500ms", "10s", "2m", "1h", "1.5s"; a bare number is seconds. NaN when it is not a time. */
    static double millis(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        double unit = 1000;
        String[][] units = {{"ms", "1"}, {"us", "0.001"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Double.parseDouble(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        // a plain decimal only: Java's parser would also take "2d" or "0x1p3"
        return t.matches("[0-9]*\\.?[0-9]+") ? Double.parseDouble(t) * unit : Double.NaN;
    }

    /** A positive duration such as 90s or 5m for {@code option}, bounded by {@code max}. */
    public static Duration parseDuration(String text, String option, Duration max) {
        double ms = millis(text == null ? "" : text);
        if (!(ms > 0) || ms > max.toMillis()) {
            throw new LlmbenchException(option + " '" + text + "' is invalid; give a time above 0 and at most " + max.toHours() + " h, such as 500ms, 30s or 5m.");
        }
        return Duration.ofNanos(Math.round(ms * 1e6));
    }

    /** The level as text: "4", "2.5". */
    static String label(double level) {
        return level == Math.rint(level) ? String.valueOf((long) level) : String.valueOf(level);
    }

    /** Requests per endpoint in one interleaved step: one prompt (sequential), 4 rounds of N (concurrent), about 4 s of arrivals (rate). */
    int stepSize(double level) {
        return switch (mode) {
            case SEQUENTIAL -> 1;
            case CONCURRENT -> (int) level * 4;
            case RATE -> Math.max(4, (int) Math.ceil(level * 4));
        };
    }
}
