package org.llmbench.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.llmbench.LlmbenchException;
import org.llmbench.results.ConfigurationRecord;
import org.llmbench.results.FailedConfiguration;
import org.llmbench.results.RunEnvironment;
import org.llmbench.results.SessionFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one report reads: the JMH results of one or more files or session folders, each
 * session's env.json (machine, JDK, JMH arguments, weights origin) and quality.json when present,
 * and notes on whatever was skipped. Units of one benchmark are unified across files.
 */
public final class ResultSet {
    public final List<Path> sources = new ArrayList<>();
    public final List<JmhResult> results = new ArrayList<>();
    /** env.json of each session, by the results file it describes. */
    public final Map<String, JsonObject> environments = new LinkedHashMap<>();
    /** env.json of each session, as the schema reads it (null fields where an older file lacks them). */
    public final Map<String, RunEnvironment> runs = new LinkedHashMap<>();
    /** What each configuration ran on, by {@link ConfigurationRecord#key()}, as the runs recorded it. */
    public final Map<String, ConfigurationRecord> configurations = new LinkedHashMap<>();
    /** Configurations the runs planned that produced no result, with their reasons. */
    public final List<FailedConfiguration> failures = new ArrayList<>();
    public final List<QualityRow> quality = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();

    /** Loads files and session folders (a folder holds jmh.json and optionally env.json, quality.json). */
    public static ResultSet load(List<Path> inputs) {
        if (inputs.isEmpty()) {
            throw new LlmbenchException("No input given; name a JMH JSON result file or a session folder such as results/<timestamp>/.");
        }
        ResultSet set = new ResultSet();
        for (Path in : inputs) {
            Path file = resolve(in);
            set.sources.add(file);
            set.results.addAll(JmhJsonReader.read(file, set.notes));
            Path dir = file.toAbsolutePath().getParent();
            readEnvironment(dir.resolve(SessionFiles.ENV), file.toString(), set);
            RunEnvironment env = SessionFiles.readEnvironment(dir, set.notes);
            if (env != null) set.runs.put(file.toString(), env);
            SessionFiles.readConfigurations(dir, set.notes).forEach(r -> set.configurations.putIfAbsent(r.key(), r));
            set.failures.addAll(SessionFiles.readFailures(dir, set.notes));
            readQuality(dir.resolve(SessionFiles.QUALITY), set);
        }
        set.unifyUnits();
        return set;
    }

    /** A session folder means its jmh.json. */
    static Path resolve(Path in) {
        if (Files.isDirectory(in)) {
            Path jmh = in.resolve(SessionFiles.JMH);
            if (!Files.isRegularFile(jmh) && Files.isRegularFile(in.resolve(SessionFiles.INCOMPLETE))) {
                throw new LlmbenchException(in + " is an interrupted run: it holds no results (see its " + SessionFiles.INCOMPLETE + ").");
            }
            if (!Files.isRegularFile(jmh)) {
                throw new LlmbenchException(in + " is a folder without jmh.json; give a session folder (results/<timestamp>/) or a JMH JSON file.");
            }
            return jmh;
        }
        return in;
    }

    private static void readEnvironment(Path env, String forFile, ResultSet set) {
        if (!Files.isRegularFile(env)) return;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(env, StandardCharsets.UTF_8));
            if (e.isJsonObject()) set.environments.put(forFile, e.getAsJsonObject());
            else set.notes.add("skipped " + env + ": not a JSON object.");
        } catch (IOException | JsonParseException e) {
            set.notes.add("skipped " + env + ": not valid JSON.");
        }
    }

    private static void readQuality(Path q, ResultSet set) {
        if (!Files.isRegularFile(q)) return;
        try {
            QualityRow[] rows = JmhJsonReader.GSON.fromJson(Files.readString(q, StandardCharsets.UTF_8), QualityRow[].class);
            if (rows == null) {
                set.notes.add("skipped " + q + ": empty.");
                return;
            }
            for (QualityRow r : rows) {
                if (r != null && r.model() != null && r.quant() != null && set.quality(r.model(), r.quant()) == null) set.quality.add(r);
            }
        } catch (IOException | JsonParseException | IllegalStateException e) {
            set.notes.add("skipped " + q + ": not the expected array of {model, quant, weightRmse, logitsCosine, klDivergence, top1Agreement}.");
        }
    }

    /** Every result in the schema's terms, each with the record its run kept of its configuration. */
    public List<LlmRow> rows() {
        return results.stream().map(r -> LlmRow.of(r, configurations.get(ConfigurationRecord.key(r.benchmark(), r.params())))).toList();
    }

    public QualityRow quality(String model, String quant) {
        for (QualityRow r : quality) {
            if (r.model().equals(model) && r.quant().equals(quant)) return r;
        }
        return null;
    }

    /** Same benchmark and mode in different units across files: convert to the first unit, or skip what cannot be converted. */
    private void unifyUnits() {
        Map<String, String> unitOf = new LinkedHashMap<>();
        List<JmhResult> kept = new ArrayList<>();
        for (JmhResult r : results) {
            String key = r.benchmark() + "/" + r.mode();
            String unit = unitOf.putIfAbsent(key, r.primary().unit());
            if (unit == null || unit.equals(r.primary().unit())) {
                kept.add(r);
                continue;
            }
            double f = Units.factor(r.primary().unit(), unit);
            if (Double.isNaN(f)) {
                notes.add("skipped " + r.configKey() + " from " + r.source() + ": mixed units for one benchmark ("
                        + r.primary().unit() + " here, " + unit + " elsewhere).");
                continue;
            }
            kept.add(new JmhResult(r.benchmark(), r.mode(), r.params(), r.primary().scaled(f, unit), r.secondary(),
                    r.threads(), r.forks(), r.jdkVersion(), r.source()));
        }
        results.clear();
        results.addAll(kept);
    }
}
