package org.llmbench.report;

import org.llmbench.model.ModelRegistry;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.StoragePlan;

import java.util.EnumMap;
import java.util.Map;

/**
 * One result read in LLM terms (metric vocabulary of FIELD-NOTES): TTFT and prefill tokens/s for
 * PrefillBenchmark, decode tokens/s and TPOT for DecodeBenchmark, load time for LoadBenchmark,
 * computed weight and KV-cache bytes, and the telemetry metrics present. NaN means "not measured".
 */
public final class LlmRow {
    public enum Kind { PREFILL, DECODE, LOAD, OTHER }

    public final JmhResult result;
    public final Kind kind;
    public final String model, quant, backend;
    public final int batch, promptLen, genLen;
    /** TTFT = prefill of promptLen tokens for every row plus sampling the first token (ms, mean per op). */
    public double ttftMillis = Double.NaN, ttftErrorMillis = Double.NaN;
    /** Prefill tokens/s = batch · promptLen / TTFT (Σtokens/Σtime over the measured operations). */
    public double prefillTokensPerSecond = Double.NaN;
    /** Decode tokens/s summed over the batch = batch · genLen · ops/s (JMH's "tokens" counter when present). */
    public double decodeTokensPerSecond = Double.NaN, decodeErrorTokensPerSecond = Double.NaN;
    /** TPOT = time per output token of one row = batch / decode tokens/s (every step yields one token per row). */
    public double tpotMillis = Double.NaN;
    /** Achieved weight bandwidth of decode (DecodeBenchmark's "weightBytes" counter: weight bytes read per step · steps/s), bytes/s. */
    public double weightBandwidthBytesPerSecond = Double.NaN;
    public double loadMillis = Double.NaN, loadErrorMillis = Double.NaN;
    /** Weight bytes of the model stored in the quant (StoragePlan), NaN for unknown models/quants. */
    public double weightBytes = Double.NaN;
    /** fp32 K and V cache for promptLen + genLen positions of every row. */
    public double kvCacheBytes = Double.NaN;
    /** Heap allocation per operation (JMH -prof gc: gc.alloc.rate.norm), bytes. */
    public double allocBytesPerOp = Double.NaN;
    /** Telemetry in base units (W, J, °C, bytes, tokens/J): mean, and the label it came from. */
    public final Map<TelemetryKind, Double> telemetry = new EnumMap<>(TelemetryKind.class);
    public final Map<TelemetryKind, String> telemetryLabel = new EnumMap<>(TelemetryKind.class);

    private LlmRow(JmhResult r) {
        this.result = r;
        String cls = r.shortName();
        this.kind = cls.startsWith("PrefillBenchmark.") ? Kind.PREFILL : cls.startsWith("DecodeBenchmark.") ? Kind.DECODE
                : cls.startsWith("LoadBenchmark.") ? Kind.LOAD : Kind.OTHER;
        this.model = r.params().getOrDefault("model", "");
        this.quant = r.params().getOrDefault("quant", "");
        this.backend = r.params().getOrDefault("backend", "");
        this.batch = r.intParam("batch");
        this.promptLen = r.intParam("promptLen");
        this.genLen = r.intParam("genLen");
    }

    public static LlmRow of(JmhResult r) {
        LlmRow row = new LlmRow(r);
        row.derive();
        return row;
    }

    /** Whether the model and quant name a configuration (our benchmarks and anything with those params). */
    public boolean isLlm() {
        return kind != Kind.OTHER && !model.isEmpty();
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
                Metric tokens = result.secondary().get("tokens");
                double f = tokens == null ? Double.NaN : Units.factor(tokens.unit(), "ops/s");
                if (!Double.isNaN(f)) {
                    decodeTokensPerSecond = tokens.score() * f;
                    decodeErrorTokensPerSecond = tokens.error() * f;
                } else {
                    double ops = Units.factor(p.unit(), "ops/s");
                    if (!Double.isNaN(ops) && batch > 0 && genLen > 0) {
                        decodeTokensPerSecond = p.score() * ops * batch * genLen;
                        decodeErrorTokensPerSecond = p.error() * ops * batch * genLen;
                    }
                }
                if (batch > 0) tpotMillis = 1000.0 * batch / decodeTokensPerSecond;
                Metric bw = result.secondary().get("weightBytes");
                double bwf = bw == null ? Double.NaN : Units.factor(bw.unit(), "ops/s");
                if (!Double.isNaN(bwf)) weightBandwidthBytesPerSecond = bw.score() * bwf;
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
        memory();
        Metric alloc = result.secondary().get("gc.alloc.rate.norm");
        if (alloc == null) alloc = result.secondary().get("·gc.alloc.rate.norm");
        if (alloc != null && "B/op".equals(alloc.unit())) allocBytesPerOp = alloc.score();
        Map<TelemetryKind, Integer> bestRank = new EnumMap<>(TelemetryKind.class);
        for (Map.Entry<String, Metric> e : result.secondary().entrySet()) {
            TelemetryKind k = TelemetryKind.of(e.getKey(), e.getValue().unit());
            int rank = k.rank(e.getKey());
            if (rank >= 0 && rank < bestRank.getOrDefault(k, Integer.MAX_VALUE) && Double.isFinite(e.getValue().score())) {
                bestRank.put(k, rank);
                telemetry.put(k, e.getValue().score() * TelemetryKind.toBase(e.getValue().unit()));
                telemetryLabel.put(k, e.getKey());
            }
        }
        if (!telemetry.containsKey(TelemetryKind.TOKENS_PER_JOULE) && telemetry.containsKey(TelemetryKind.POWER)
                && telemetry.get(TelemetryKind.POWER) > 0 && Double.isFinite(throughput())) {
            telemetry.put(TelemetryKind.TOKENS_PER_JOULE, throughput() / telemetry.get(TelemetryKind.POWER));
            telemetryLabel.put(TelemetryKind.TOKENS_PER_JOULE, "derived: tokens/s ÷ W");
        }
    }

    private void memory() {
        if (!ModelRegistry.contains(model) || quant.isEmpty()) return;
        ModelSpec spec = ModelRegistry.get(model);
        try {
            weightBytes = StoragePlan.weightBytes(spec, Quant.parse(quant));
        } catch (RuntimeException unknownQuant) {
            return; // a quant this build does not know: no computed size
        }
        if (batch > 0 && promptLen > 0) {
            int positions = promptLen + Math.max(0, genLen);
            kvCacheBytes = 2.0 * spec.layers() * batch * positions * spec.kvDim() * Float.BYTES;
        }
    }

    /** The tokens/s this row stands for: decode tokens/s, else prefill tokens/s. */
    public double throughput() {
        return Double.isFinite(decodeTokensPerSecond) ? decodeTokensPerSecond : prefillTokensPerSecond;
    }
}
