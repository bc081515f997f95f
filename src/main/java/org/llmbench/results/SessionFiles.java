package org.llmbench.results;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import org.llmbench.LlmbenchException;
import org.llmbench.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a session folder (results/&lt;timestamp&gt;/) and how they are written and read.
 * Everything a report shows comes from these files, never from the code that made them.
 */
public final class SessionFiles {
    /** JMH's results (moved into place when JMH finishes). */
    public static final String JMH = "jmh.json";
    /** {@link RunEnvironment}. */
    public static final String ENV = "env.json";
    /** One {@link ConfigurationRecord} per file, written by the benchmarks as they set up. */
    public static final String CONFIGURATIONS = "configurations";
    /** The {@link FailedConfiguration}s of the run (absent when none failed). */
    public static final String FAILURES = "failures.json";
    /** Quantization quality of the run's quants against fp32. */
    public static final String QUALITY = "quality.json";
    /** Present only in a session whose run was interrupted: says what is missing. */
    public static final String INCOMPLETE = "INCOMPLETE.txt";
    /** The system property that tells a benchmark JVM which session folder it writes into. */
    public static final String SESSION_PROPERTY = "llmbench.session";

    /** Non-finite numbers ("not measured") are written as null and read back as NaN. */
    private static final TypeAdapter<Double> NULLABLE_DOUBLE = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Double v) throws IOException {
            if (v == null || !Double.isFinite(v)) out.nullValue();
            else out.value(v);
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return Double.NaN;
            }
            return in.nextDouble();
        }
    };

    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .registerTypeAdapter(Double.class, NULLABLE_DOUBLE).registerTypeAdapter(double.class, NULLABLE_DOUBLE).create();

    private SessionFiles() {
    }

    public static void writeEnvironment(Path session, RunEnvironment env) {
        AtomicFiles.writeNew(session.resolve(ENV), GSON.toJson(env));
    }

    /** The session's env.json, or null when it is absent or not one (then {@code notes} says why). */
    public static RunEnvironment readEnvironment(Path session, List<String> notes) {
        Path f = session.resolve(ENV);
        if (!Files.isRegularFile(f)) return null;
        try {
            return GSON.fromJson(Files.readString(f, StandardCharsets.UTF_8), RunEnvironment.class);
        } catch (IOException | JsonParseException | IllegalStateException e) {
            notes.add("skipped " + f + ": not the environment record llmbench writes.");
            return null;
        }
    }

    public static void writeFailures(Path session, List<FailedConfiguration> failures) {
        AtomicFiles.writeNew(session.resolve(FAILURES), GSON.toJson(failures));
    }

    public static List<FailedConfiguration> readFailures(Path session, List<String> notes) {
        Path f = session.resolve(FAILURES);
        if (!Files.isRegularFile(f)) return List.of();
        try {
            List<FailedConfiguration> list = GSON.fromJson(Files.readString(f, StandardCharsets.UTF_8),
                    new TypeToken<List<FailedConfiguration>>() { }.getType());
            return list == null ? List.of() : list.stream().filter(x -> x != null && x.benchmark() != null && x.params() != null).toList();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            notes.add("skipped " + f + ": not a list of failed configurations.");
            return List.of();
        }
    }

    /**
     * Called by a benchmark as it sets up: records what this configuration runs on into the
     * session named by {@link #SESSION_PROPERTY}; does nothing outside a session (e.g. with -rff),
     * and keeps the first record when several forks run the same configuration.
     */
    public static void record(ConfigurationRecord r) {
        String session = System.getProperty(SESSION_PROPERTY);
        if (session == null || session.isBlank()) return;
        Path file = Path.of(session, CONFIGURATIONS, fileName(r.key()));
        if (Files.exists(file)) return;
        try {
            AtomicFiles.writeNew(file, GSON.toJson(r));
        } catch (LlmbenchException raced) {
            // another fork of the same configuration wrote it first: the same facts
        }
    }

    public static List<ConfigurationRecord> readConfigurations(Path session, List<String> notes) {
        Path dir = session.resolve(CONFIGURATIONS);
        if (!Files.isDirectory(dir)) return List.of();
        List<ConfigurationRecord> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    ConfigurationRecord r = GSON.fromJson(Files.readString(f, StandardCharsets.UTF_8), ConfigurationRecord.class);
                    if (r != null && r.benchmark() != null && r.params() != null) out.add(r);
                    else notes.add("skipped " + f + ": not a configuration record.");
                } catch (JsonParseException | IllegalStateException e) {
                    notes.add("skipped " + f + ": not a configuration record.");
                }
            }
        } catch (IOException e) {
            notes.add("skipped " + dir + ": " + e.getMessage());
        }
        return out;
    }

    /** A short stable file name for a configuration key (keys hold paths and '=' signs). */
    static String fileName(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
