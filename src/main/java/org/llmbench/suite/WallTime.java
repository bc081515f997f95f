package org.llmbench.suite;

import org.llmbench.model.ModelRegistry;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.StoragePlan;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Map;

/**
 * An estimate of one configuration's wall time from JMH's settings (the options, else the
 * benchmark's annotations, else JMH's defaults): forks x (JVM start + setup + warmup and
 * measurement iterations). Setup and single operations of registry models are sized with rough
 * rates of a 2-core machine (below), so an iteration lasts at least one operation.
 */
final class WallTime {
    /** Starting a forked JVM and JMH's handshake, seconds. */
    static final double FORK_START_SECONDS = 1.5;
    /** Generating and quantizing synthetic weights: tinyllama-1.1b took 7-14 s (README load table). */
    static final double SETUP_SECONDS_PER_PARAMETER = 10e-9;
    /** Weight bytes a decoding step reads per second (STREAM triad is ~30 GB/s on 2 cores; kernels reach ~20). */
    static final double DECODE_BYTES_PER_SECOND = 20e9;
    /** Prefill arithmetic per second across quants (fp32 tinyllama-1.1b reached ~100 GFLOP/s, quantized ones less). */
    static final double PREFILL_FLOPS = 50e9;

    private WallTime() {
    }

    static double seconds(BenchmarkListEntry e, Options o, Map<String, String> params) {
        boolean singleShot = e.getMode() == Mode.SingleShotTime;
        int forks = Math.max(1, o.getForkCount().orElse(e.getForks().orElse(Defaults.MEASUREMENT_FORKS)));
        int warmupForks = o.getWarmupForkCount().orElse(e.getWarmupForks().orElse(Defaults.WARMUP_FORKS));
        int wi = o.getWarmupIterations().orElse(e.getWarmupIterations().orElse(singleShot ? Defaults.WARMUP_ITERATIONS_SINGLESHOT : Defaults.WARMUP_ITERATIONS));
        int mi = o.getMeasurementIterations().orElse(e.getMeasurementIterations().orElse(singleShot ? Defaults.MEASUREMENT_ITERATIONS_SINGLESHOT : Defaults.MEASUREMENT_ITERATIONS));
        double w = secs(o.getWarmupTime().orElse(e.getWarmupTime().orElse(Defaults.WARMUP_TIME)));
        double r = secs(o.getMeasurementTime().orElse(e.getMeasurementTime().orElse(Defaults.MEASUREMENT_TIME)));
        ModelSpec spec = registryModel(params);
        double setup = spec == null ? 0 : spec.parameterCount() * SETUP_SECONDS_PER_PARAMETER;
        double op = operationSeconds(e, spec, params);
        double iterations = singleShot ? (wi + mi) * op : wi * Math.max(w, op) + mi * Math.max(r, op);
        return (forks + warmupForks) * (FORK_START_SECONDS + setup + iterations);
    }

    /** One operation of an engine benchmark of a registry model, roughly; 0 where unknown. */
    private static double operationSeconds(BenchmarkListEntry e, ModelSpec spec, Map<String, String> p) {
        if (spec == null) return 0;
        String method = e.getUsername().substring(e.getUsername().lastIndexOf('.') + 1);
        try {
            return switch (method) {
                case "load" -> spec.parameterCount() * SETUP_SECONDS_PER_PARAMETER;
                case "decode" -> Integer.parseInt(p.get("genLen")) * StoragePlan.weightBytes(spec, org.llmbench.weights.QuantChoice.forSynthetic(p.get("quant"))) / DECODE_BYTES_PER_SECOND;
                case "ttft" -> 2.0 * spec.parameterCount() * Integer.parseInt(p.get("promptLen")) * Integer.parseInt(p.get("batch")) / PREFILL_FLOPS;
                default -> 0;
            };
        } catch (RuntimeException missingOrBad) {
            return 0;
        }
    }

    private static ModelSpec registryModel(Map<String, String> p) {
        String m = p.get("model");
        return m != null && ModelRegistry.contains(m) ? ModelRegistry.get(m) : null;
    }

    private static double secs(TimeValue t) {
        return t.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0;
    }
}
