package org.llmbench.suite;

import org.llmbench.LlmbenchException;
import org.llmbench.model.ModelRegistry;
import org.llmbench.quant.Quant;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads suites from YAML: the presets shipped in the jar (a map of name to suite) or a user's file
 * (one suite). Every mistake is one sentence naming the file, the place and what is valid.
 */
public final class SuiteFile {
    static final String PRESETS = "presets.yaml";
    private static final Set<String> SUITE_FIELDS = Set.of("name", "description", "runs");
    private static final List<String> RUN_FIELDS = List.of("benchmarks", "params", "jmh");
    /** Reserved for the endpoint benchmark's runs (issue 19), so a file written for it fails clearly today. */
    private static final String ENDPOINTS = "endpoints";
    /** The value meaning "every value the project knows" for these parameters. */
    static final String ALL = "all";

    private SuiteFile() {
    }

    public static List<String> presetNames() {
        return new ArrayList<>(presets().keySet());
    }

    public static Suite preset(String name) {
        Map<String, Object> presets = presets();
        Object suite = presets.get(name);
        if (suite == null) {
            throw new LlmbenchException("Unknown preset '" + name + "'; valid presets are " + String.join(", ", presets.keySet()) + ".");
        }
        return suite("preset " + name, name, suite);
    }

    public static Suite file(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read suite file " + file + ": " + e.getMessage());
        }
        Object root = parse(text, "suite file " + file);
        String fallback = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return suite("suite file " + file, fallback, root);
    }

    private static Map<String, Object> presets() {
        try (InputStream in = SuiteFile.class.getResourceAsStream(PRESETS)) {
            if (in == null) throw new IllegalStateException(PRESETS + " is missing from the jar");
            return map(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the jar's " + PRESETS), "the jar's " + PRESETS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object parse(String yaml, String where) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            String why = String.join(" ", e.getMessage().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("^")).toList());
            throw new LlmbenchException(where + " is not valid YAML: " + why);
        }
    }

    /** Parses one suite object; {@code where} starts every error message. */
    static Suite suite(String where, String fallbackName, Object root) {
        Map<String, Object> m = map(root, where);
        for (String key : m.keySet()) {
            if (key.equals(ENDPOINTS)) throw endpointsNotYet(where);
            if (!SUITE_FIELDS.contains(key)) {
                throw new LlmbenchException(where + ": unknown field '" + key + "'; a suite has name, description and runs.");
            }
        }
        Object runs = m.get("runs");
        if (!(runs instanceof List<?> list) || list.isEmpty()) {
            throw new LlmbenchException(where + ": 'runs' must be a list of at least one run (each with benchmarks, params, jmh).");
        }
        List<SuiteRun> parsed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) parsed.add(run(where + ", run " + (i + 1), list.get(i)));
        String name = m.get("name") == null ? fallbackName : scalar(m.get("name"), where + ": 'name'");
        String description = m.get("description") == null ? "" : scalar(m.get("description"), where + ": 'description'").strip();
        return new Suite(name, where, description, List.copyOf(parsed));
    }

    private static SuiteRun run(String where, Object node) {
        Map<String, Object> m = node == null ? Map.of() : map(node, where);
        for (String key : m.keySet()) {
            if (key.equals(ENDPOINTS)) throw endpointsNotYet(where);
            if (!RUN_FIELDS.contains(key)) {
                throw new LlmbenchException(where + ": unknown field '" + key + "'; a run has " + String.join(", ", RUN_FIELDS) + ".");
            }
        }
        List<String> benchmarks = m.containsKey("benchmarks") ? list(m.get("benchmarks"), where + ": 'benchmarks'") : List.of();
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (m.containsKey("params")) {
            for (Map.Entry<String, Object> p : map(m.get("params"), where + ": 'params'").entrySet()) {
                params.put(p.getKey(), values(where, p.getKey(), p.getValue()));
            }
        }
        List<String> jmh = m.containsKey("jmh") ? list(m.get("jmh"), where + ": 'jmh'") : List.of();
        return new SuiteRun(benchmarks, params, jmh);
    }

    /** A parameter's values: a list, or {@code all} for quant and model. */
    private static List<String> values(String where, String param, Object node) {
        if (ALL.equals(node)) {
            return switch (param) {
                case "quant" -> Arrays.stream(Quant.values()).map(Quant::id).toList();
                case "model" -> List.copyOf(ModelRegistry.all().keySet());
                default -> throw new LlmbenchException(where + ": param '" + param + "' cannot be 'all'; only quant and model can.");
            };
        }
        List<String> values = list(node, where + ": param '" + param + "'");
        if (values.isEmpty()) throw new LlmbenchException(where + ": param '" + param + "' has no values; give at least one, e.g. [1, 8].");
        return values;
    }

    private static LlmbenchException endpointsNotYet(String where) {
        return new LlmbenchException(where + ": 'endpoints' is reserved for the endpoint benchmark, which this build does not have yet; "
                + "a run has " + String.join(", ", RUN_FIELDS) + ".");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String where) {
        if (node instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> k instanceof String)) return (Map<String, Object>) m;
        throw new LlmbenchException(where + " must be a mapping of names to values, not " + describe(node) + ".");
    }

    private static List<String> list(Object node, String where) {
        if (node instanceof List<?> l && l.stream().allMatch(SuiteFile::isScalar)) return l.stream().map(String::valueOf).toList();
        throw new LlmbenchException(where + " must be a list of plain values such as [1, 8], not " + describe(node) + ".");
    }

    private static String scalar(Object node, String where) {
        if (isScalar(node)) return String.valueOf(node);
        throw new LlmbenchException(where + " must be a plain value, not " + describe(node) + ".");
    }

    private static boolean isScalar(Object o) {
        return o instanceof String || o instanceof Number || o instanceof Boolean;
    }

    private static String describe(Object node) {
        if (node == null) return "nothing";
        if (node instanceof Map) return "a mapping";
        if (node instanceof List) return "a list";
        return "'" + node + "'";
    }
}
