package org.llmbench.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.llmbench.serve.LlmServer;
import org.llmbench.serve.ServeConfig;
import org.llmbench.tokenizer.ByteTokenizer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The served path and the `generate` reference path give the same greedy tokens for the same prompt ids. */
class ServeMatchesGenerateTest {
    @Test
    void badServeOptionsAreOneSentenceAndExitCode2() {
        String[][] cases = {
                {"Unknown model 'nope'", "serve", "--model", "nope", "--port", "0"},
                {"--prefix-cache maybe is invalid; use on or off", "serve", "--model", "llama-tiny", "--prefix-cache", "maybe"},
                {"--api-key-env LLMBENCH_TEST_NO_SUCH_VARIABLE names an environment variable that is unset", "serve", "--model", "llama-tiny",
                        "--api-key-env", "LLMBENCH_TEST_NO_SUCH_VARIABLE"},
                {"--max-batch 0 is invalid", "serve", "--model", "llama-tiny", "--max-batch", "0"},
                {"--ctx 300 is invalid for llama-tiny; it takes 1 to 256 tokens", "serve", "--model", "llama-tiny", "--ctx", "300", "--port", "0"}};
        for (String[] c : cases) {
            Object[] r = CliTest.run(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, r[0], String.join(" ", c));
            assertTrue(((String) r[2]).contains(c[0]), (String) r[2]);
            assertEquals(1, ((String) r[2]).strip().lines().count(), "one line: " + r[2]);
        }
    }

    @Test
    void greedyTextThroughCompletionsEqualsGenerate() throws Exception {
        String prompt = "5,17,300,42,1000,7";
        int maxTokens = 12;
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            rc = Main.runCommand(new GenerateCommand(), new String[]{"--model", "llama-tiny", "--prompt-tokens", prompt, "--max-tokens", Integer.toString(maxTokens), "--threads", "2"});
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, rc, captured.toString(StandardCharsets.UTF_8));
        int[] generated = Arrays.stream(captured.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow().split(" ")).mapToInt(Integer::parseInt).toArray();
        assertEquals(maxTokens, generated.length);

        try (LlmServer server = LlmServer.start(new ServeConfig("llama-tiny", "fp32", "127.0.0.1", 0, 2, 0, 4, 3, true, 8L << 20, null, 2))) {
            String body = "{\"model\":\"llama-tiny\",\"prompt\":[" + prompt + "],\"max_tokens\":" + maxTokens + ",\"temperature\":0,\"ignore_eos\":true}";
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonObject json = JsonParser.parseString(r.body()).getAsJsonObject();
            String text = json.getAsJsonArray("choices").get(0).getAsJsonObject().get("text").getAsString();
            assertEquals(new ByteTokenizer(32000).decode(generated), text, "prefill in chunks of 3 (the server's --prefill-chunk) and decode as generate does");
            assertEquals(maxTokens, json.getAsJsonObject("usage").get("completion_tokens").getAsInt());
        }
    }
}
