package org.llmbench.report;

import org.llmbench.results.BenchmarkKind;
import org.llmbench.results.ConfigurationRecord;
import org.llmbench.results.Counters;
import org.llmbench.results.TelemetryQuantity;

import java.util.EnumMap;
import java.util.Map;

/**
 * One result read in the schema's terms ({@link BenchmarkKind}, {@link org.llmbench.results.Measure}):
 * TTFT and prefill tokens/s, decode tokens/s and TPOT, load time, kernel weight bandwidth, matmul
 * GFLOP/s, the weight and KV-cache bytes the run recorded for its configuration, and the telemetry
 * present. Everything comes from the results folder. NaN means "not measured" (or not recorded).
 */
public final class LlmRow {
    public final JmhResult result;
    public final BenchmarkKind kind;
    /** What the run recorded about this configuration (null for results from outside a session). */
    public final ConfigurationRecord record;
    public final String model, quant, backend;
    public final int batch, promptLen, genLen;
    /** TTFT = prefill of promptLen tokens for every row plus sampling the first token (ms, mean per op). */
    public double ttftMillis = Double.NaN, ttftErrorMillis = Double.NaN;
    /** Prefill tokens/s = batch · promptLen / TTFT. */
    public double prefillTokensPerSecond = Double.NaN;
    /** Decode tokens/s summed over the batch (the "tokens" counter; else batch · genLen · ops/s). */
    public double decodeTokensPerSecond = Double.NaN, decodeErrorTokensPerSecond = Double.NaN;
    /** TPOT = time per output token of one row = batch / decode tokens/s. */
    public double tpotMillis = Double.NaN;
    /** Weight bytes read per second (decode and kernel: the "weightBytes" counter), and its error. */
    public double weightBandwidthBytesPerSecond = Double.NaN, weightBandwidthErrorBytesPerSecond = Double.NaN;
    /** Matmul GFLOP/s (the "gflops" counter) and its error. */
    public double gflopsPerSecond = Double.NaN, gflopsErrorPerSecond = Double.NaN;
    public double loadMillis = Double.NaN, loadErrorMillis = Double.NaN;
    /** Weight bytes as the engine (or kernel) held them, as recorded by the run. */
    public double weightBytes = Double.NaN;
    /** The session's KV cache, as recorded by the run. */
    public double kvCacheBytes = Double.NaN;
    /** Heap allocation per operation (JMH -prof gc: gc.alloc.rate.norm), bytes. */
    public double allocBytesPerOp = Double.NaN;
    /** Telemetry in base units (W, J, °C, bytes, tokens/J): the schema's best label present, and that label. */
    public final Map<TelemetryQuantity, Double> telemetry = new EnumMap<>(TelemetryQuantity.class);
    public final Map<TelemetryQuantity, String> telemetryLabel = new EnumMap<>(TelemetryQuantity.class);

    private LlmRow(JmhResult r, ConfigurationRecord record) {
        this.result = r;
        this.record = record;
        this.kind = record != null && record.kind() != null ? record.kind() : BenchmarkKind.of(r.benchmark());
        this.model = r.params().getOrDefault("model", "");
        this.quant = r.params().getOrDefault("quant", "");
        this.backend = r.params().getOrDefault("backend", "");
        this.batch = r.intParam("batch");
        this.promptLen = r.intParam("promptLen");
        this.genLen = r.intParam("genLen");
    }

    /** @param record the run's record of this configuration, or null */
    public static LlmRow of(JmhResult r, ConfigurationRecord record) {
        LlmRow row = new LlmRow(r, record);
        row.derive();
        return row;
    }

    /** Whether this result is a whole model's (prefill, decode, load) with a model named. */
    public boolean isLlm() {
        return kind.model && !model.isEmpty();
    }

    public String label() {
        StringBuilder s = new StringBuilder(model.isEmpty() ? result.shortName() : model);
        if (!quant.isEmpty()) s.append(' ').append(quant);
        if (!backend.isEmpty() && !backend.equals("jvm")) s.append(' ').append(backend);
        if (batch > 0) s.append(" b").append(batch);
        return s.toString();
    }

    private void derive() {
        Metric p = result.primary();
        double toMs = Units.factor(p.unit(), "ms/op");
        switch (kind) {
            case PREFILL -> {
                if (!Double.isNaN(toMs)) {
                    ttftMillis = p.score() * toMs;
                    ttftErrorMillis = p.error() * toMs;
                    if (batch > 0 && promptLen > 0) prefillTokensPerSecond = batch * (double) promptLen / (ttftMillis / 1000);
                }
            }
            case DECODE -> {
                double[] tokens = rate(Counters.TOKENS);
                if (Double.isFinite(tokens[0])) {
                    decodeTokensPerSecond = tokens[0];
                    decodeErrorTokensPerSecond = tokens[1];
                } else {
                    double ops = Units.factor(p.unit(), "ops/s");
                    if (!Double.isNaN(ops) && batch > 0 && genLen > 0) {
                        decodeTokensPerSecond = p.score() * ops * batch * genLen;
                        decodeErrorTokensPerSecond = p.error() * ops * batch * genLen;
                    }
                }
                if (batch > 0) tpotMillis = 1000.0 * batch / decodeTokensPerSecond;
                bandwidth();
            }
            case KERNEL -> bandwidth();
            case MATMUL -> {
                double[] g = rate(Counters.GFLOPS);
                gflopsPerSecond = g[0];
                gflopsErrorPerSecond = g[1];
            }
            case LOAD -> {
                if (!Double.isNaN(toMs)) {
                    loadMillis = p.score() * toMs;
                    loadErrorMillis = p.error() * toMs;
                }
            }
            default -> {
            }
        }
        if (record != null) {
            weightBytes = record.weightBytes();
            kvCacheBytes = record.kvCacheBytes();
        }
        Metric alloc = result.secondary().get(Counters.GC_ALLOC_PER_OP);
        if (alloc != null && "B/op".equals(alloc.unit())) allocBytesPerOp = alloc.score();
        for (TelemetryQuantity q : TelemetryQuantity.values()) {
            for (String label : q.labels) {
                Metric m = result.secondary().get(label);
                if (m != null && Double.isFinite(m.score())) {
                    telemetry.put(q, m.score() * Units.toBase(m.unit()));
                    telemetryLabel.put(q, label);
                    break;
                }
            }
        }
        if (!telemetry.containsKey(TelemetryQuantity.TOKENS_PER_JOULE) && telemetry.containsKey(TelemetryQuantity.POWER)
                && telemetry.get(TelemetryQuantity.POWER) > 0 && Double.isFinite(throughput())) {
            telemetry.put(TelemetryQuantity.TOKENS_PER_JOULE, throughput() / telemetry.get(TelemetryQuantity.POWER));
            telemetryLabel.put(TelemetryQuantity.TOKENS_PER_JOULE, "derived: tokens/s ÷ W");
        }
    }

    private void bandwidth() {
        double[] bw = rate(Counters.WEIGHT_BYTES);
        weightBandwidthBytesPerSecond = bw[0];
        weightBandwidthErrorBytesPerSecond = bw[1];
    }

    /** A counter's rate per second and its error, NaN when absent or not a rate. */
    private double[] rate(String counter) {
        Metric m = result.secondary().get(counter);
        double f = m == null ? Double.NaN : Units.factor(m.unit(), "ops/s");
        return Double.isNaN(f) ? new double[]{Double.NaN, Double.NaN} : new double[]{m.score() * f, m.error() * f};
    }

    /** The 99.9% half-width of {@link #throughput()} (prefill: TTFT's relative error). */
    public double throughputError() {
        if (Double.isFinite(decodeTokensPerSecond)) return decodeErrorTokensPerSecond;
        return prefillTokensPerSecond * ttftErrorMillis / ttftMillis;
    }

    /** The tokens/s this row stands for: decode tokens/s, else prefill tokens/s. */
    public double throughput() {
        return Double.isFinite(decodeTokensPerSecond) ? decodeTokensPerSecond : prefillTokensPerSecond;
    }
}
