package org.llmbench.results;

import org.llmbench.LlmbenchException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * requests.csv: one row per request, every field of {@link RequestRecord} plus the derived
 * schedule lag, TPOT, tokens per chunk and ok. Lists (itl_ms, chunk_tokens) are ';'-separated.
 * The reader finds columns by name, so columns may be added later without breaking old readers.
 */
public final class RequestCsv {
    public static final String FILE = "requests.csv";
    static final List<String> HEADER = List.of("endpoint", "mode", "level", "phase", "index", "prompt_id", "prompt_length", "complexity",
            "category", "scheduled_ms", "sent_ms", "schedule_lag_ms", "ttft_ms", "tpot_ms", "e2e_ms", "itl_ms", "chunk_tokens",
            "content_chunks", "tokens_per_chunk", "input_tokens", "output_tokens", "token_source", "cached_tokens", "finish_reason",
            "http_status", "ok", "error_class", "error");

    private RequestCsv() {
    }

    public static String write(List<RequestRecord> records) {
        StringBuilder out = new StringBuilder(EndpointCsv.line(HEADER));
        for (RequestRecord r : records) {
            double perChunk = r.contentChunks() > 0 ? r.outputTokens() / (double) r.contentChunks() : Double.NaN;
            out.append(EndpointCsv.line(List.of(r.endpoint(), r.mode(), r.level(), r.warmup() ? "warmup" : "measure",
                    String.valueOf(r.index()), r.promptId(), r.promptLength(), r.complexity(), r.category(),
                    EndpointCsv.num(r.scheduledMs()), EndpointCsv.num(r.sentMs()), EndpointCsv.num(r.scheduleLagMs()),
                    EndpointCsv.num(r.ttftMs()), EndpointCsv.num(r.tpotMs()), EndpointCsv.num(r.e2eMs()),
                    Arrays.stream(r.itlMs()).mapToObj(EndpointCsv::num).collect(Collectors.joining(";")),
                    Arrays.stream(r.chunkTokens()).mapToObj(String::valueOf).collect(Collectors.joining(";")),
                    String.valueOf(r.contentChunks()), EndpointCsv.num(perChunk), count(r.inputTokens()), String.valueOf(r.outputTokens()),
                    r.tokenSource(), count(r.cachedTokens()), r.finishReason(), String.valueOf(r.httpStatus()),
                    String.valueOf(r.ok()), r.errorClass(), r.error())));
        }
        return out.toString();
    }

    public static List<RequestRecord> read(String text, String source) {
        List<List<String>> rows = EndpointCsv.parse(text);
        if (rows.isEmpty()) throw new LlmbenchException(source + " is empty; expected the header line of requests.csv.");
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < rows.get(0).size(); i++) col.put(rows.get(0).get(i), i);
        for (String required : List.of("endpoint", "level", "sent_ms", "e2e_ms", "ttft_ms", "output_tokens", "error_class")) {
            if (!col.containsKey(required)) throw new LlmbenchException(source + " has no '" + required + "' column; it is not a requests.csv written by llmbench.");
        }
        List<RequestRecord> out = new ArrayList<>();
        for (int n = 1; n < rows.size(); n++) {
            List<String> row = rows.get(n);
            Cells c = new Cells(row, col);
            try {
                out.add(new RequestRecord(c.s("endpoint"), c.s("mode"), c.s("level"), "warmup".equals(c.s("phase")), c.i("index", 0),
                        c.s("prompt_id"), c.s("prompt_length"), c.s("complexity"), c.s("category"),
                        c.d("scheduled_ms"), c.d("sent_ms"), c.d("ttft_ms"), c.d("e2e_ms"),
                        c.list("itl_ms").stream().mapToDouble(Double::parseDouble).toArray(),
                        c.list("chunk_tokens").stream().mapToInt(Integer::parseInt).toArray(), c.i("content_chunks", 0),
                        c.i("input_tokens", -1), c.i("output_tokens", 0), c.s("token_source"), c.i("cached_tokens", -1),
                        c.s("finish_reason"), c.i("http_status", 0), c.s("error_class"), c.s("error")));
            } catch (NumberFormatException e) {
                throw new LlmbenchException(source + " line " + (n + 1) + " holds a value that is not a number (" + e.getMessage() + ").");
            }
        }
        return out;
    }

    private static String count(int v) {
        return v < 0 ? "" : String.valueOf(v);
    }

    private record Cells(List<String> row, Map<String, Integer> col) {
        String s(String name) {
            Integer i = col.get(name);
            return i == null || i >= row.size() ? "" : row.get(i);
        }

        double d(String name) {
            return EndpointCsv.parseNum(s(name));
        }

        int i(String name, int absent) {
            String v = s(name);
            return v.isEmpty() ? absent : Integer.parseInt(v);
        }

        List<String> list(String name) {
            String v = s(name);
            return v.isEmpty() ? List.of() : List.of(v.split(";"));
        }
    }
}
