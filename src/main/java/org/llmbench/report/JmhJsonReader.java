package org.llmbench.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's JSON result format (-rf json) with its quirks: non-finite numbers written as the
 * strings "NaN", "+INF", "-INF"; params as strings; SampleTime's rawDataHistogram in place of rawData.
 * Entries that are not JMH results are skipped with a note; a file with none is an error.
 */
public final class JmhJsonReader {
    /** JMH writes non-finite doubles as strings; a plain Gson rejects "+INF". */
    static final TypeAdapter<Double> LENIENT_DOUBLE = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null || !Double.isFinite(value)) out.nullValue(); // JSON has no NaN: "not measured"
            else out.value(value);
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            JsonToken t = in.peek();
            if (t == JsonToken.NULL) {
                in.nextNull();
                return Double.NaN;
            }
            if (t == JsonToken.STRING) {
                return parseNonFinite(in.nextString());
            }
            return in.nextDouble();
        }
    };

    static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(Double.class, LENIENT_DOUBLE)
            .registerTypeAdapter(double.class, LENIENT_DOUBLE)
            .create();

    private JmhJsonReader() {
    }

    static double parseNonFinite(String s) {
        switch (s.trim()) {
            case "NaN": return Double.NaN;
            case "+INF": case "INF": case "Infinity": case "+Infinity": return Double.POSITIVE_INFINITY;
            case "-INF": case "-Infinity": return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    throw new JsonParseException("'" + s + "' is not a number");
                }
        }
    }

    /** The results in a file, in file order; notes receive one line per skipped entry. */
    public static List<JmhResult> read(Path file, List<String> notes) {
        if (!Files.isRegularFile(file)) {
            throw new LlmbenchException("Cannot read " + file + ": no such file (give a JMH JSON result file or a session folder).");
        }
        JsonElement root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r);
        } catch (JsonParseException e) {
            throw new LlmbenchException(file + " is not a JMH result: it is not valid JSON (" + where(e) + "); expected the list JMH writes with -rf json.");
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || root.isJsonNull()) {
            throw new LlmbenchException(file + " is empty; expected the list of results JMH writes with -rf json.");
        }
        if (!root.isJsonArray()) {
            throw new LlmbenchException(file + " is not a JMH result: it holds " + what(root) + ", not a list of results (JMH writes one with -rf json).");
        }
        JsonArray array = root.getAsJsonArray();
        RawResult[] raw = new RawResult[array.size()];
        for (int i = 0; i < raw.length; i++) {
            JsonElement e = array.get(i);
            if (!e.isJsonObject()) {
                notes.add("skipped entry " + i + " of " + file + ": it is " + what(e) + ", not a result.");
                continue;
            }
            try {
                raw[i] = GSON.fromJson(e, RawResult.class);
            } catch (JsonParseException | IllegalStateException | NumberFormatException bad) {
                notes.add("skipped entry " + i + " of " + file + ": a field has the wrong type for a JMH result.");
                raw[i] = SKIPPED;
            }
        }
        List<JmhResult> out = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            RawResult r = raw[i];
            if (r == SKIPPED || (r == null && !array.get(i).isJsonNull())) continue;
            String why = r == null ? "null entry" : r.benchmark == null ? "no \"benchmark\" field"
                    : r.primaryMetric == null ? "no \"primaryMetric\"" : r.primaryMetric.scoreUnit == null ? "primary metric without a unit" : null;
            if (why != null) {
                notes.add("skipped entry " + i + " of " + file + ": " + why + ".");
                continue;
            }
            Map<String, Metric> secondary = new LinkedHashMap<>();
            if (r.secondaryMetrics != null) {
                r.secondaryMetrics.forEach((k, v) -> {
                    if (v != null && v.scoreUnit != null) secondary.put(k, v.toMetric());
                });
            }
            out.add(new JmhResult(r.benchmark, r.mode == null ? "?" : r.mode,
                    r.params == null ? Map.of() : new LinkedHashMap<>(r.params), r.primaryMetric.toMetric(), secondary,
                    r.threads, r.forks, r.jdkVersion, file.toString()));
        }
        if (out.isEmpty()) {
            throw new LlmbenchException(file + " holds no JMH results (" + raw.length + " entries, none with a benchmark and a primary metric).");
        }
        return out;
    }

    /** Where parsing stopped, in the words a user needs ("line 3, column 7"), without the parser's jargon. */
    private static String where(Exception e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+) column (\\d+)").matcher(String.valueOf(e.getMessage()));
        return m.find() ? "a syntax error or an early end near line " + m.group(1) + ", column " + m.group(2) : "a syntax error or an early end";
    }

    /** "a string", "an object", ... : what a JSON value is, for messages. */
    static String what(JsonElement e) {
        if (e == null || e.isJsonNull()) return "null";
        if (e.isJsonObject()) return "an object";
        if (e.isJsonArray()) return "a list";
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? "a string" : p.isNumber() ? "a number" : "true/false";
    }

    private static final RawResult SKIPPED = new RawResult();

    /** The subset of JMH's JSON we read (Gson fills the fields by name). */
    static final class RawResult {
        String benchmark;
        String mode;
        int threads;
        int forks;
        String jdkVersion;
        Map<String, String> params;
        RawMetric primaryMetric;
        Map<String, RawMetric> secondaryMetrics;
    }

    static final class RawMetric {
        Double score;
        Double scoreError;
        String scoreUnit;
        List<List<Double>> rawData;
        /** per fork, per iteration: [value, count] pairs */
        List<List<List<List<Double>>>> rawDataHistogram;

        Metric toMetric() {
            List<Double> samples = new ArrayList<>();
            List<Double> forkMedians = new ArrayList<>();
            if (rawData != null) {
                for (List<Double> fork : rawData) {
                    if (fork == null) continue;
                    double[] values = fork.stream().filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).toArray();
                    addFork(values, samples, forkMedians);
                }
            } else if (rawDataHistogram != null) {
                for (List<List<List<Double>>> fork : rawDataHistogram) {
                    if (fork == null) continue;
                    double[] means = fork.stream().mapToDouble(RawMetric::histogramMean).filter(Double::isFinite).toArray();
                    addFork(means, samples, forkMedians);
                }
            }
            return new Metric(score == null ? Double.NaN : score, scoreError == null ? Double.NaN : scoreError,
                    scoreUnit, samples.stream().mapToDouble(Double::doubleValue).toArray(),
                    forkMedians.stream().mapToDouble(Double::doubleValue).toArray());
        }

        private static void addFork(double[] iterations, List<Double> samples, List<Double> forkMedians) {
            if (iterations.length == 0) return;
            for (double v : iterations) samples.add(v);
            forkMedians.add(RatioInterval.median(iterations));
        }

        private static double histogramMean(List<List<Double>> pairs) {
            double sum = 0, n = 0;
            if (pairs == null) return Double.NaN;
            for (List<Double> p : pairs) {
                if (p == null || p.size() < 2 || p.get(0) == null || p.get(1) == null) continue;
                sum += p.get(0) * p.get(1);
                n += p.get(1);
            }
            return n > 0 ? sum / n : Double.NaN;
        }
    }
}
