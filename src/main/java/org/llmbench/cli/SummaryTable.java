package org.llmbench.cli;

import org.llmbench.report.Fmt;
import org.llmbench.results.Counters;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's closing table: one small table per benchmark with only that benchmark's
 * parameters, its score and the counters our benchmarks define (tokens/s, GB/s, GFLOP/s).
 * Everything else (profiler metrics, raw samples) stays in the result file and the report.
 */
final class SummaryTable {
    /** Counter label -> column title and the factor to the shown unit. */
    private static final Map<String, Object[]> COUNTERS = new LinkedHashMap<>();

    static {
        COUNTERS.put(Counters.TOKENS, new Object[]{"tokens/s", 1.0});
        COUNTERS.put(Counters.WEIGHT_BYTES, new Object[]{"weights GB/s", 1e-9});
        COUNTERS.put(Counters.GFLOPS, new Object[]{"GFLOP/s", 1.0});
    }

    private SummaryTable() {
    }

    static String render(Collection<RunResult> results) {
        if (results.isEmpty()) return "";
        Map<String, List<RunResult>> byBenchmark = new LinkedHashMap<>();
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            byBenchmark.computeIfAbsent(shortName(p.getBenchmark()) + " (" + p.getMode().shortLabel() + ")", k -> new ArrayList<>()).add(r);
        }
        StringBuilder out = new StringBuilder("\n");
        byBenchmark.forEach((name, runs) -> {
            List<String> header = new ArrayList<>(runs.get(0).getParams().getParamsKeys());
            int params = header.size();
            header.add("score");
            header.add("± (99.9%)");
            header.add("unit");
            List<String> counters = new ArrayList<>();
            COUNTERS.keySet().forEach(c -> {
                if (runs.stream().anyMatch(r -> r.getSecondaryResults().containsKey(c))) counters.add(c);
            });
            counters.forEach(c -> header.add((String) COUNTERS.get(c)[0]));
            List<List<String>> rows = new ArrayList<>();
            for (RunResult r : runs) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < params; i++) row.add(String.valueOf(r.getParams().getParam(header.get(i))));
                Result p = r.getPrimaryResult();
                row.add(Fmt.num(p.getScore()));
                row.add(Fmt.num(p.getScoreError()));
                row.add(p.getScoreUnit());
                for (String c : counters) {
                    Result s = r.getSecondaryResults().get(c);
                    row.add(s == null ? Fmt.NONE : Fmt.num(s.getScore() * (double) COUNTERS.get(c)[1]));
                }
                rows.add(row);
            }
            out.append(name).append('\n').append(table(header, rows, params)).append('\n');
        });
        return out.toString();
    }

    /** Text columns: parameters left-aligned, numbers right-aligned. */
    private static String table(List<String> header, List<List<String>> rows, int leftColumns) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) w[i] = Math.max(w[i], r.get(i).length());
        }
        StringBuilder s = new StringBuilder();
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            s.append(' ');
            for (int i = 0; i < w.length; i++) {
                String f = i < leftColumns || header.get(i).equals("unit") ? "%-" + w[i] + "s" : "%" + w[i] + "s";
                s.append(' ').append(String.format(Locale.ROOT, f, r.get(i)));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String shortName(String benchmark) {
        String[] p = benchmark.split("\\.");
        return p.length >= 2 ? p[p.length - 2] + "." + p[p.length - 1] : benchmark;
    }
}
