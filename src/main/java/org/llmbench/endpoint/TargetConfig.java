package org.llmbench.endpoint;

import org.llmbench.LlmbenchException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Endpoints from endpoints.yaml (read with SnakeYAML's safe constructor: plain maps, lists and
 * scalars, no objects) or from {@code --endpoint NAME=URL}. Every field is checked, so a typo is
 * one sentence naming it and the valid fields, never a silently ignored setting.
 *
 * <pre>
 * endpoints:
 *   - name: vllm
 *     url: http://localhost:8000
 *     api: chat                    # chat | completions
 *     model: meta-llama/Llama-3.1-8B-Instruct
 *     api_key_env: OPENAI_API_KEY  # the NAME of the variable, never the key
 *     headers: {X-Team: bench}
 *     token_ids: true              # completions only: synthetic prompts as token-id arrays
 * </pre>
 */
public final class TargetConfig {
    static final List<String> FIELDS = List.of("name", "url", "api", "model", "api_key_env", "headers", "token_ids");
    /** Headers the JDK's HTTP client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private TargetConfig() {
    }

    public static List<Target> load(Path file) {
        if (!Files.isRegularFile(file)) throw new LlmbenchException("Config file " + file + " does not exist; give a YAML file with an 'endpoints' list.");
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setCodePointLimit(1 << 20);
            root = new Yaml(new SafeConstructor(options)).load(r);
        } catch (YAMLException e) {
            throw new LlmbenchException(file + " is not valid YAML: " + AnswerParser.abbreviate(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read " + file + ": " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top)) throw new LlmbenchException(file + " must be a mapping with an 'endpoints' list; found " + kind(root) + ".");
        for (Object k : top.keySet()) {
            if (!"endpoints".equals(k)) throw new LlmbenchException(file + ": unknown top-level field '" + k + "'; the only valid one is 'endpoints'.");
        }
        if (!(top.get("endpoints") instanceof List<?> list) || list.isEmpty()) {
            throw new LlmbenchException(file + ": 'endpoints' must be a non-empty list of endpoints (name, url, api, model, ...).");
        }
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) throw new LlmbenchException(file + ": endpoint " + (i + 1) + " must be a mapping of " + String.join(", ", FIELDS) + ".");
            out.add(target(m, file + ": endpoint " + (i + 1) + ": "));
        }
        checkUnique(out);
        return out;
    }

    private static Target target(Map<?, ?> m, String where) {
        for (Object k : m.keySet()) {
            if (!FIELDS.contains(String.valueOf(k))) {
                throw new LlmbenchException(where + "unknown field '" + k + "'; valid fields are " + String.join(", ", FIELDS) + ".");
            }
        }
        String name = scalar(m, "name", where, true);
        String url = scalar(m, "url", where, true);
        Api api = m.containsKey("api") ? Api.parse(scalar(m, "api", where, true), where) : Api.CHAT;
        Map<String, String> headers = new LinkedHashMap<>();
        Object h = m.get("headers");
        if (h != null) {
            if (!(h instanceof Map<?, ?> hm)) throw new LlmbenchException(where + "'headers' must be a mapping of header name to value.");
            hm.forEach((k, v) -> headers.put(header(String.valueOf(k), where), v == null ? "" : String.valueOf(v)));
        }
        boolean tokenIds = api == Api.COMPLETIONS;
        if (m.containsKey("token_ids")) {
            if (!(m.get("token_ids") instanceof Boolean b)) throw new LlmbenchException(where + "token_ids '" + m.get("token_ids") + "' is invalid; use true or false.");
            tokenIds = b && api == Api.COMPLETIONS;
        }
        String keyEnv = scalar(m, "api_key_env", where, false);
        if (keyEnv != null && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new LlmbenchException(where + "api_key_env '" + keyEnv + "' is not an environment variable name; give the NAME of the variable holding the key (e.g. OPENAI_API_KEY), never the key.");
        }
        return new Target(name, url, api, scalar(m, "model", where, false), keyEnv, headers, tokenIds);
    }

    /** {@code NAME=URL} from the command line. */
    public static Target fromFlag(String spec, Api api, String model) {
        int eq = spec == null ? -1 : spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new LlmbenchException("--endpoint '" + spec + "' is invalid; give NAME=URL, e.g. --endpoint vllm=http://localhost:8000.");
        }
        return new Target(spec.substring(0, eq).trim(), spec.substring(eq + 1).trim(), api, model, null, Map.of(), api == Api.COMPLETIONS);
    }

    public static void checkUnique(List<Target> targets) {
        Set<String> seen = new HashSet<>();
        for (Target t : targets) {
            if (!seen.add(t.name())) throw new LlmbenchException("Endpoint name '" + t.name() + "' is given twice; each endpoint needs its own name.");
        }
    }

    private static String header(String name, String where) {
        if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new LlmbenchException(where + "header '" + name + "' is invalid; give a token name other than " + String.join(", ", RESTRICTED) + " (the HTTP client sets those).");
        }
        return name;
    }

    private static String scalar(Map<?, ?> m, String key, String where, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) throw new LlmbenchException(where + "'" + key + "' is missing; every endpoint needs name and url.");
            return null;
        }
        if (v instanceof Map || v instanceof List) throw new LlmbenchException(where + "'" + key + "' must be a single value, not " + kind(v) + ".");
        return String.valueOf(v).trim();
    }

    private static String kind(Object o) {
        return o == null ? "nothing" : o instanceof Map ? "a mapping" : o instanceof List ? "a list" : "'" + o + "'";
    }
}
