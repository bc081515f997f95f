package org.llmbench.endpoint;

import org.llmbench.LlmbenchException;
import org.llmbench.results.EndpointTargetInfo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One endpoint to benchmark. The key itself is not part of it: only the name of the environment
 * variable that holds it, read when the client is built (so it never reaches a result file).
 *
 * @param baseUrl   scheme, host, port and any path prefix, without /v1 (".../v1" given is trimmed)
 * @param model     the "model" field sent; null = ask GET /v1/models and take the first id
 * @param tokenIds  synthetic prompts go to a completions endpoint as token-id arrays
 */
public record Target(String name, String baseUrl, Api api, String model, String apiKeyEnv, Map<String, String> headers, boolean tokenIds) {

    public Target {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new LlmbenchException("Endpoint name '" + name + "' is invalid; use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        baseUrl = normalize(baseUrl, name);
        headers = Map.copyOf(headers);
    }

    static String normalize(String url, String name) {
        String u = url == null ? "" : url.trim();
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new LlmbenchException("Endpoint '" + name + "' has URL '" + u + "', which is invalid; give http://HOST:PORT or https://HOST[/PREFIX], e.g. http://localhost:8000.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new LlmbenchException("Endpoint '" + name + "' has a URL with user info, a query or a fragment, which is invalid; give only scheme, host, port and path, and the key through api_key_env.");
        }
        while (u.endsWith("/")) u = u.substring(0, u.length() - 1);
        if (u.endsWith("/v1")) u = u.substring(0, u.length() - 3);
        return u;
    }

    URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    Target withModel(String m) {
        return new Target(name, baseUrl, api, m, apiKeyEnv, headers, tokenIds);
    }

    /** The key from the environment ("" when none is configured); a configured but unset variable is an error. */
    String apiKey(Function<String, String> environment) {
        if (apiKeyEnv == null) return "";
        String key = environment.apply(apiKeyEnv);
        if (key == null || key.isBlank()) {
            throw new LlmbenchException("Endpoint '" + name + "' takes its API key from $" + apiKeyEnv + ", which is not set; export it or remove api_key_env.");
        }
        return key.trim();
    }

    EndpointTargetInfo info() {
        return new EndpointTargetInfo(name, baseUrl, api.label(), model, apiKeyEnv, new ArrayList<>(headers.keySet()).stream().sorted().toList(), tokenIds);
    }

    static List<String> names(List<Target> targets) {
        return targets.stream().map(Target::name).toList();
    }
}
