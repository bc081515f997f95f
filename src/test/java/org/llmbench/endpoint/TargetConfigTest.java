package org.llmbench.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.LlmbenchException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TargetConfigTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path f = dir.resolve("endpoints-" + System.nanoTime() + ".yaml");
        Files.writeString(f, text);
        return f;
    }

    private void rejected(String expected, String text) throws Exception {
        Path f = yaml(text);
        String m = assertThrows(LlmbenchException.class, () -> TargetConfig.load(f)).getMessage();
        assertTrue(m.contains(expected), m);
        assertFalse(m.contains("\n"), "one line: " + m);
    }

    @Test
    void readsEveryField() throws Exception {
        List<Target> t = TargetConfig.load(yaml("""
                endpoints:
                  - name: vllm
                    url: http://localhost:8000/v1/
                    api: chat
                    model: meta-llama/Llama-3.1-8B-Instruct
                    api_key_env: OPENAI_API_KEY
                    headers: {X-Team: bench}
                  - name: llama.cpp
                    url: https://example.org/prefix
                    api: completions
                    token_ids: false
                """));
        assertEquals(2, t.size());
        Target v = t.get(0);
        assertEquals("http://localhost:8000", v.baseUrl(), "a trailing /v1 is trimmed: paths add it");
        assertEquals(Api.CHAT, v.api());
        assertEquals("OPENAI_API_KEY", v.apiKeyEnv());
        assertEquals(Map.of("X-Team", "bench"), v.headers());
        assertEquals("https://example.org/prefix/v1/completions", t.get(1).uri(Api.COMPLETIONS.path).toString());
        assertFalse(t.get(1).tokenIds());
        assertNull(t.get(1).model(), "no model: the first one GET /v1/models lists");
    }

    @Test
    void badConfigurationsAreOneSentenceEach() throws Exception {
        rejected("unknown field 'modle'; valid fields are name, url, api, model, api_key_env, headers, token_ids",
                "endpoints:\n  - name: a\n    url: http://h:1\n    modle: x\n");
        rejected("unknown top-level field 'endpoint'; the only valid one is 'endpoints'", "endpoint:\n  - name: a\n");
        rejected("api 'grpc' is invalid; valid APIs are chat (/v1/chat/completions) and completions", "endpoints:\n  - {name: a, url: 'http://h:1', api: grpc}\n");
        rejected("has URL 'localhost:8000', which is invalid; give http://HOST:PORT", "endpoints:\n  - {name: a, url: 'localhost:8000'}\n");
        rejected("'url' is missing", "endpoints:\n  - {name: a}\n");
        rejected("api_key_env 'sk-abc123' is not an environment variable name", "endpoints:\n  - {name: a, url: 'http://h:1', api_key_env: sk-abc123}\n");
        rejected("Endpoint name 'a' is given twice", "endpoints:\n  - {name: a, url: 'http://h:1'}\n  - {name: a, url: 'http://h:2'}\n");
        rejected("header 'Host' is invalid", "endpoints:\n  - {name: a, url: 'http://h:1', headers: {Host: x}}\n");
        rejected("is not valid YAML", "endpoints: [ {name: a\n");
        rejected("'endpoints' must be a non-empty list", "endpoints: []\n");
        rejected("Endpoint name 'a b' is invalid", "endpoints:\n  - {name: 'a b', url: 'http://h:1'}\n");
        rejected("user info, a query or a fragment", "endpoints:\n  - {name: a, url: 'http://u:p@h:1'}\n");
        String m = assertThrows(LlmbenchException.class, () -> TargetConfig.load(dir.resolve("none.yaml"))).getMessage();
        assertTrue(m.contains("does not exist"), m);
    }

    @Test
    void endpointFlagsAndKeys() {
        Target t = TargetConfig.fromFlag("nim=http://10.0.0.5:8000", Api.COMPLETIONS, "m");
        assertEquals("nim", t.name());
        assertTrue(t.tokenIds());
        String m = assertThrows(LlmbenchException.class, () -> TargetConfig.fromFlag("http://h:1", Api.CHAT, null)).getMessage();
        assertTrue(m.contains("--endpoint 'http://h:1' is invalid; give NAME=URL"), m);
        Target keyed = new Target("k", "http://h:1", Api.CHAT, "m", "MY_KEY", Map.of(), false);
        assertEquals("secret-value", keyed.apiKey(Map.of("MY_KEY", "secret-value")::get));
        m = assertThrows(LlmbenchException.class, () -> keyed.apiKey(Map.<String, String>of()::get)).getMessage();
        assertTrue(m.contains("$MY_KEY, which is not set"), m);
    }
}
