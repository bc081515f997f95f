package org.llmbench.report;

import org.llmbench.results.BenchmarkKind;
import org.llmbench.results.TelemetryQuantity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch scaling efficiency η(B) = tokens/s(B) / (B · tokens/s(1)), per series of results that
 * differ only in batch (same benchmark, model, quant, backend, lengths).
 */
public final class BatchScaling {
    /** @param efficiencyError η's 99.9% half-width, from both throughputs' errors (NaN when either is unknown) */
    public record Point(int batch, double tokensPerSecond, double efficiency, double efficiencyError) {
    }

    public record Series(String name, BenchmarkKind kind, List<Point> points) {
    }

    private BatchScaling() {
    }

    public static List<Series> of(List<LlmRow> rows) {
        Map<String, List<LlmRow>> groups = new LinkedHashMap<>();
        for (LlmRow r : rows) {
            if ((r.kind == BenchmarkKind.DECODE || r.kind == BenchmarkKind.PREFILL) && r.batch > 0 && Double.isFinite(r.throughput())) {
                String name = (r.kind == BenchmarkKind.DECODE ? "decode " : "prefill ") + r.model + " " + r.quant
                        + (r.backend.isEmpty() || r.backend.equals("jvm") ? "" : " " + r.backend)
                        + " (prompt " + r.promptLen + (r.kind == BenchmarkKind.DECODE ? ", gen " + r.genLen : "") + ")";
                groups.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
            }
        }
        List<Series> out = new ArrayList<>();
        groups.forEach((name, g) -> {
            g.sort(Comparator.comparingInt(r -> r.batch));
            LlmRow base = g.stream().filter(r -> r.batch == 1).findFirst().orElse(null);
            double one = base == null ? Double.NaN : base.throughput();
            double oneRel = base == null ? Double.NaN : base.throughputError() / one;
            if (g.size() < 2) return;
            List<Point> pts = new ArrayList<>();
            for (LlmRow r : g) {
                double eta = r.throughput() / (r.batch * one);
                double rel = r.throughputError() / r.throughput();
                pts.add(new Point(r.batch, r.throughput(), eta, r.batch == 1 ? Double.NaN : eta * Math.hypot(rel, oneRel)));
            }
            out.add(new Series(name, g.get(0).kind, pts));
        });
        return out;
    }
}
