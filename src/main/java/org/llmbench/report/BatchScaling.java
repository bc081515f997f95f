package org.llmbench.report;

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
    public record Point(int batch, double tokensPerSecond, double efficiency) {
    }

    public record Series(String name, LlmRow.Kind kind, List<Point> points) {
    }

    private BatchScaling() {
    }

    public static List<Series> of(List<LlmRow> rows) {
        Map<String, List<LlmRow>> groups = new LinkedHashMap<>();
        for (LlmRow r : rows) {
            if ((r.kind == LlmRow.Kind.DECODE || r.kind == LlmRow.Kind.PREFILL) && r.batch > 0 && Double.isFinite(r.throughput())) {
                String name = (r.kind == LlmRow.Kind.DECODE ? "decode " : "prefill ") + r.model + " " + r.quant
                        + (r.backend.isEmpty() || r.backend.equals("jvm") ? "" : " " + r.backend)
                        + " (prompt " + r.promptLen + (r.kind == LlmRow.Kind.DECODE ? ", gen " + r.genLen : "") + ")";
                groups.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
            }
        }
        List<Series> out = new ArrayList<>();
        groups.forEach((name, g) -> {
            g.sort(Comparator.comparingInt(r -> r.batch));
            double one = g.stream().filter(r -> r.batch == 1).mapToDouble(LlmRow::throughput).findFirst().orElse(Double.NaN);
            if (g.size() < 2) return;
            List<Point> pts = new ArrayList<>();
            for (LlmRow r : g) {
                pts.add(new Point(r.batch, r.throughput(), r.throughput() / (r.batch * one)));
            }
            out.add(new Series(name, g.get(0).kind, pts));
        });
        return out;
    }
}
