package org.llmbench.profiler;

import org.openjdk.jmh.profile.ProfilerException;

/**
 * Options of {@code -prof llm}, in JMH's style: {@code -prof llm:interval=50;device=0}.
 * Parsed in the constructor so a bad value stops the run in the host JVM, before any fork.
 */
public record LlmProfilerOptions(long intervalMillis, int device, String tokensLabel) {
    /** 100 ms: one sample costs tens of microseconds, so the sampler stays far below 1% of a core. */
    public static final long DEFAULT_INTERVAL_MS = 100;

    public static final String HELP = """
            Usage: -prof llm[:option=value;option=value...]
              interval=<ms>   sampling period during measurement iterations, 1..60000 (default %d)
              device=<n>      NVML device index to sample (default 0; NVML order, not CUDA order)
              tokens=<label>  secondary result that counts generated tokens, for tokens/J and
                              tokens/s/W (default "tokens", DecodeBenchmark's counter)
              help            print this text
            Metrics (per measurement iteration): llm.gpu.* through NVML when present, llm.cpu.* and
            llm.jvm.* always, llm.pool.<name>.* for allocators a backend registered; see the README
            section "Telemetry profiler (-prof llm)".""".formatted(DEFAULT_INTERVAL_MS);

    public static LlmProfilerOptions parse(String initLine) throws ProfilerException {
        long interval = DEFAULT_INTERVAL_MS;
        int device = 0;
        String tokens = "tokens";
        if (initLine == null) initLine = "";
        for (String part : initLine.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            if (p.equals("help")) throw new ProfilerException(HELP);
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq).trim();
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            switch (key) {
                case "interval" -> interval = number(key, value, 1, 60_000);
                case "device" -> device = (int) number(key, value, 0, 63);
                case "tokens" -> {
                    if (value.isEmpty()) throw new ProfilerException("-prof llm: tokens needs a label, e.g. tokens=tokens.");
                    tokens = value;
                }
                default -> throw new ProfilerException("-prof llm: unknown option '" + key
                        + "'; valid options are interval, device, tokens and help.");
            }
        }
        return new LlmProfilerOptions(interval, device, tokens);
    }

    private static long number(String key, String value, long min, long max) throws ProfilerException {
        try {
            long v = Long.parseLong(value);
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new ProfilerException("-prof llm: " + key + "=" + value + " is invalid; it must be a whole number from "
                + min + " to " + max + ".");
    }
}
