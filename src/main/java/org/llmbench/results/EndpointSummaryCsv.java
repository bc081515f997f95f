package org.llmbench.results;

import java.util.ArrayList;
import java.util.List;

/** summary.csv: one row per endpoint × load level × prompt group; latencies in ms, rates per second. */
public final class EndpointSummaryCsv {
    public static final String FILE = "summary.csv";
    private static final List<String> STATS = List.of("mean", "median", "std", "p90", "p95", "p99", "max");

    private EndpointSummaryCsv() {
    }

    public static String write(List<EndpointSummary> summaries) {
        List<String> header = new ArrayList<>(List.of("endpoint", "mode", "level", "group", "requests", "succeeded", "success_rate", "errors"));
        for (String m : List.of("ttft", "tpot", "itl", "e2e", "schedule_lag")) {
            header.add(m + "_count");
            STATS.forEach(s -> header.add(m + "_" + s + "_ms"));
        }
        header.addAll(List.of("window_s", "input_tokens", "output_tokens", "requests_per_s", "output_tokens_per_s", "total_tokens_per_s",
                "peak_output_tokens_per_s", "goodput_requests_per_s", "goodput_fraction", "token_source"));
        StringBuilder out = new StringBuilder(EndpointCsv.line(header));
        for (EndpointSummary s : summaries) {
            List<String> row = new ArrayList<>(List.of(s.endpoint(), s.mode(), s.level(), s.group(), String.valueOf(s.requests()),
                    String.valueOf(s.succeeded()), EndpointCsv.num(s.successRate()), s.errors()));
            for (EndpointStats st : List.of(s.ttft(), s.tpot(), s.itl(), s.e2e(), s.scheduleLag())) {
                row.add(String.valueOf(st.count()));
                for (double v : new double[]{st.mean(), st.median(), st.std(), st.p90(), st.p95(), st.p99(), st.max()}) row.add(EndpointCsv.num(v));
            }
            row.addAll(List.of(EndpointCsv.num(s.windowSeconds()), String.valueOf(s.inputTokens()), String.valueOf(s.outputTokens()),
                    EndpointCsv.num(s.requestsPerSecond()), EndpointCsv.num(s.outputTokensPerSecond()), EndpointCsv.num(s.totalTokensPerSecond()),
                    EndpointCsv.num(s.peakOutputTokensPerSecond()), EndpointCsv.num(s.goodputRequestsPerSecond()),
                    EndpointCsv.num(s.goodputFraction()), s.tokenSource()));
            out.append(EndpointCsv.line(row));
        }
        return out.toString();
    }
}
