package org.llmbench.conversation;

import org.llmbench.results.ConversationSummary;
import org.llmbench.results.EndpointStats;
import org.llmbench.results.TurnRecord;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** One conversation run's turns summed up (conversations.csv): means over successful turns, hit rate, TTFT growth per 1K context tokens. */
final class RunSummary {
    private RunSummary() {
    }

    static ConversationSummary of(String configuration, String conversation, String run, int turns, List<TurnRecord> records, String stoppedAt) {
        List<TurnRecord> ok = records.stream().filter(TurnRecord::ok).toList();
        double[] ttft = ok.stream().mapToDouble(t -> t.request().ttftMs()).filter(Double::isFinite).toArray();
        long output = ok.stream().mapToLong(t -> t.request().outputTokens()).sum();
        double e2eSum = ok.stream().mapToDouble(t -> t.request().e2eMs()).filter(Double::isFinite).sum();
        List<TurnRecord> known = ok.stream().filter(t -> !Double.isNaN(t.hitRate())).toList();
        double hitRate = known.isEmpty() ? Double.NaN
                : known.stream().mapToLong(TurnRecord::cachedTokens).sum() / (double) known.stream().mapToLong(TurnRecord::contextTokens).sum();
        String sources = ok.stream().map(TurnRecord::cachedSource).distinct().collect(Collectors.joining("+"));
        double first = ok.stream().filter(t -> t.turn() == 1).mapToDouble(t -> t.request().ttftMs()).findFirst().orElse(Double.NaN);
        double later = ok.stream().filter(t -> t.turn() > 1).mapToDouble(t -> t.request().ttftMs()).filter(Double::isFinite).average().orElse(Double.NaN);
        return new ConversationSummary(configuration, conversation, run, turns, ok.size(), stoppedAt,
                mean(ttft), EndpointStats.percentile(sorted(ttft), 50),
                mean(ok.stream().mapToDouble(t -> t.request().tpotMs()).filter(Double::isFinite).toArray()),
                mean(ok.stream().mapToDouble(t -> t.request().e2eMs()).filter(Double::isFinite).toArray()),
                output, e2eSum > 0 ? output / (e2eSum / 1000) : Double.NaN,
                ok.stream().mapToInt(TurnRecord::contextTokens).max().orElse(-1), hitRate, sources.isEmpty() ? TurnRecord.UNKNOWN : sources,
                slopePer1k(ok), first, later);
    }

    /** Least-squares slope of TTFT (ms) against context tokens, per 1,000 tokens; NaN under two distinct contexts. */
    static double slopePer1k(List<TurnRecord> turns) {
        List<TurnRecord> xy = turns.stream().filter(t -> t.contextTokens() >= 0 && Double.isFinite(t.request().ttftMs())).toList();
        if (xy.stream().mapToInt(TurnRecord::contextTokens).distinct().count() < 2) return Double.NaN;
        double mx = xy.stream().mapToDouble(TurnRecord::contextTokens).average().orElse(0);
        double my = xy.stream().mapToDouble(t -> t.request().ttftMs()).average().orElse(0);
        double sxy = 0, sxx = 0;
        for (TurnRecord t : xy) {
            double dx = t.contextTokens() - mx;
            sxy += dx * (t.request().ttftMs() - my);
            sxx += dx * dx;
        }
        return sxy / sxx * 1000;
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }
}
