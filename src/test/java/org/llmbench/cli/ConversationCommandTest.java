package org.llmbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.conversation.ScriptedServerMain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The conversation subcommand end to end: bad input, listing, and server configurations started in fresh processes. */
class ConversationCommandTest {
    static final String CONVERSATION = """
            {"id": "tiny", "tags": ["qa"], "system": "Be brief.", "max_tokens": 3,
             "documents": {"memo": "The meeting moved to Friday."},
             "turns": [{"user": "Hello?"}, {"user": "When is the meeting?", "inject": ["memo"]}, {"user": "Thanks.", "remove": ["memo"]}, {"user": "Bye."}]}
            """;

    @TempDir
    Path dir;

    static Object[] conversation(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.runCommand(new ConversationCommand(Map.<String, String>of()::get), args);
            return new Object[]{code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private void rejected(String expected, String... args) {
        Object[] r = conversation(args);
        assertEquals(2, r[0], String.join(" ", args) + ": " + r[2]);
        String err = ((String) r[2]).strip();
        assertTrue(err.contains(expected), err);
        assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String java() {
        return "'" + ProcessHandle.current().info().command().orElse("java") + "' -Xmx512m -cp '" + System.getProperty("java.class.path") + "'";
    }

    private Path session() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("results"))) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size(), dirs.toString());
            return dirs.get(0);
        }
    }

    /** A copy of jmh.json with every rate (not ms/op) times {@code factor}. */
    static String scaleRates(String json, double factor) {
        JsonArray records = JsonParser.parseString(json).getAsJsonArray();
        for (var e : records) {
            JsonObject primary = e.getAsJsonObject().getAsJsonObject("primaryMetric");
            if (primary.get("scoreUnit").getAsString().equals("ms/op")) continue;
            primary.addProperty("score", primary.get("score").getAsDouble() * factor);
            JsonArray forks = new JsonArray();
            for (var fork : primary.getAsJsonArray("rawData")) {
                JsonArray scaled = new JsonArray();
                for (var v : fork.getAsJsonArray()) scaled.add(v.getAsDouble() * factor);
                forks.add(scaled);
            }
            primary.add("rawData", forks);
        }
        return records.toString();
    }

    @Test
    void badInputIsOneSentenceAndExitTwo() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"id\": \"x\", \"turns\": [{\"user\": \"hi\", \"inject\": [\"nope\"]}]}");
        rejected(bad + ": turns[0].inject[0] names document 'nope', which the conversation does not define (it has no \"documents\").",
                "--endpoint", "http://127.0.0.1:9", "--conversations", bad.toString());
        rejected("No server given; name a running one with --endpoint URL", "--max-tokens", "4");
        rejected("--server-cmd needs --health-url", "--server-cmd", "vllm serve m");
        rejected("--health-url applies to servers started with --server-cmd", "--endpoint", "http://127.0.0.1:9", "--health-url", "http://127.0.0.1:9/health");
        rejected("--server-cmd 'server-1' has an unclosed single quote", "--server-cmd", "vllm 'serve", "--health-url", "http://127.0.0.1:9/health");
        rejected("--server-name 'a' is given twice", "--server-cmd", "x", "--server-cmd", "y", "--server-name", "a", "--server-name", "a",
                "--health-url", "http://127.0.0.1:9/health");
        rejected("--runs 'hot' is invalid; give warm, cold or warm,cold.", "--endpoint", "http://127.0.0.1:9", "--runs", "hot");
        rejected("--cache-source 'logs' is invalid; valid sources are auto, usage, timings, metrics.", "--endpoint", "http://127.0.0.1:9", "--cache-source", "logs");
        rejected("--context-size 0 is invalid", "--endpoint", "http://127.0.0.1:9", "--context-size", "0");
        rejected("--include-tags tag 'RAG' is invalid", "--endpoint", "http://127.0.0.1:9", "--include-tags", "RAG");
        rejected("--health-url 'ftp://x/health' is invalid", "--server-cmd", "x", "--health-url", "ftp://x/health");
        assertFalse(Files.exists(dir.resolve("results")), "bad input makes no results folder");
    }

    @Test
    void theListingSaysWhichConversationsFitAndWhyTheOthersDoNot() {
        Object[] r = conversation("--list-conversations", "--context-size", "8192", "--exclude-tags", "ultra");
        assertEquals(0, r[0], (String) r[2]);
        String out = (String) r[1];
        assertTrue(out.contains("context 8,192 tokens (--context-size)"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("simple-qa") && l.endsWith("runs")), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("ultra-long") && l.contains("skipped: tag ultra is in --exclude-tags")), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("long-32k") && l.contains("skipped: needs about 28,914 tokens (its last turn with a full answer), more than the 8,192-token context")), out);
        assertTrue(out.contains("(estimate = the last turn's prompt plus a full answer, in this server's tokens where measured; 4 would run)"), out);
        Object[] unknown = conversation("--list-conversations", "--include-tags", "rag");
        assertTrue(((String) unknown[1]).contains("context unknown (give --context-size N"), (String) unknown[1]);
        assertTrue(((String) unknown[1]).lines().anyMatch(l -> l.contains("simple-qa") && l.contains("skipped: no tag among --include-tags rag (its tags: qa,short)")));
    }

    @Test
    void aServerThatDiesMidRunFailsItsConfigurationAndTheNextOneStillRuns() throws Exception {
        Path conv = dir.resolve("tiny.json");
        Files.writeString(conv, CONVERSATION);
        int port = freePort();
        String scripted = java() + " " + ScriptedServerMain.class.getName() + " " + port;
        Object[] r = conversation("--server-cmd", scripted + " 5 7", "--server-cmd", scripted + " 0 0", "--server-name", "dies", "--server-name", "lives",
                "--health-url", "http://127.0.0.1:" + port + "/health", "--startup-timeout", "60s", "--conversations", conv.toString(),
                "--results", dir.resolve("results").toString(), "--no-charts");
        assertEquals(1, r[0], r[1] + "\n" + r[2]);
        Path s = session();
        JsonObject info = JsonParser.parseString(Files.readString(s.resolve("conversation.json"))).getAsJsonObject();
        JsonArray configs = info.getAsJsonArray("configurations");
        JsonObject dies = configs.get(0).getAsJsonObject(), lives = configs.get(1).getAsJsonObject();
        assertEquals("failed", dies.get("status").getAsString());
        assertEquals(7, dies.get("exitCode").getAsInt());
        assertTrue(dies.get("failure").getAsString().startsWith("the server exited with code 7 during tiny (warm, turn 3: "), dies.get("failure").getAsString());
        assertTrue(dies.getAsJsonArray("lastStderr").toString().contains("fatal: scripted crash after 5 chat requests"), dies.toString());
        assertEquals("ok", lives.get("status").getAsString());
        assertTrue(lives.get("startupSeconds").getAsDouble() > 0 && lives.get("peakRssBytes").getAsLong() > 0, lives.toString());
        assertTrue(lives.get("stop").getAsString().startsWith("stopped by SIGTERM"), lives.toString());
        assertEquals(List.of("server-lives.out.log", "server-lives.err.log"), List.of(lives.getAsJsonArray("logs").get(0).getAsString(), lives.getAsJsonArray("logs").get(1).getAsString()));
        String turns = Files.readString(s.resolve("turns.csv"));
        assertEquals(1 + 3 + 8, turns.strip().lines().count(), "dies: turns 1 and 2 then the failed turn 3; lives: 4 warm and 4 cold");
        assertTrue(Files.readString(s.resolve("report/report.md")).contains("**dies failed:** the server exited with code 7"));
        assertTrue(Files.readString(s.resolve("server-dies.err.log")).contains("fatal: scripted crash"));
    }

    @Test
    void serveWithTheCacheOnAndOffEachInAFreshProcessAsTheReadmeShows() throws Exception {
        Path conv = dir.resolve("tiny.json");
        Files.writeString(conv, CONVERSATION);
        int port = freePort();
        String serve = java() + " org.llmbench.cli.Main serve --model llama-tiny --ctx 1024 --max-batch 1 --threads 1 --port " + port;
        Object[] r = conversation("--server-cmd", serve, "--server-cmd", serve + " --prefix-cache off", "--server-name", "cache-on", "--server-name", "cache-off",
                "--health-url", "http://127.0.0.1:" + port + "/health", "--conversations", conv.toString(), "--temperature", "0", "--ignore-eos",
                "--results", dir.resolve("results").toString());
        assertEquals(0, r[0], r[1] + "\n" + r[2]);
        Path s = session();
        for (String f : List.of("turns.json", "turns.csv", "conversations.csv", "conversation.json", "jmh.json", "env.json", "report/report.md", "report/report.html",
                "report/conversation-ttft-tiny.png", "report/conversation-ttft-vs-context.png", "report/conversation-hit-rate-cache-on.png")) {
            assertTrue(Files.size(s.resolve(f)) > 0, f);
        }
        List<String> rows = Files.readAllLines(s.resolve("conversations.csv"));
        assertEquals(5, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("cache-on,tiny,warm,4,4,,") && rows.get(3).startsWith("cache-off,tiny,warm,4,4,,"), rows.toString());
        JsonObject info = JsonParser.parseString(Files.readString(s.resolve("conversation.json"))).getAsJsonObject();
        JsonObject on = info.getAsJsonArray("configurations").get(0).getAsJsonObject();
        assertTrue(on.get("command").getAsString().endsWith("serve --model llama-tiny --ctx 1024 --max-batch 1 --threads 1 --port " + port), on.toString());
        assertTrue(on.get("peakRssBytes").getAsLong() > 50L << 20, "the launcher and the server JVM it starts: " + on);
        assertEquals(1024, on.get("contextSize").getAsInt());
        assertTrue(info.getAsJsonObject("system").get("cores").getAsInt() > 0);
        String report = Files.readString(s.resolve("report/report.md"));
        assertTrue(report.contains("## Turn by turn: warm against cold") && report.contains("## RAG: the turn after documents were removed"), report);
        JsonArray jmh = JsonParser.parseString(Files.readString(s.resolve("jmh.json"))).getAsJsonArray();
        assertTrue(jmh.toString().contains("org.llmbench.conversation.Conversation.ttft") && jmh.toString().contains("\"configuration\":\"cache-off\""));
        // check pairs each configuration × warm/cold with itself only; four turns a run are too few for TTFT to clear its noise band
        // (the shipped set gives 36 turns a run), so the gate is shown on throughput: the run against itself, then against a copy at half the rate
        String self = (String) CliTest.run("check", "--baseline", s.toString(), "--candidate", s.toString())[1];
        for (String config : List.of("cache=warm,configuration=cache-on", "cache=cold,configuration=cache-on", "cache=warm,configuration=cache-off",
                "cache=cold,configuration=cache-off")) {
            assertTrue(self.contains("SAME         Conversation.outputTokens [thrpt] " + config), self);
            assertTrue(self.lines().anyMatch(l -> l.contains("Conversation.ttft [ss] " + config) && l.contains("0.0% unchanged")), self);
        }
        assertFalse(self.contains("SLOWER") || self.contains("FASTER"), self);
        Path slower = dir.resolve("slower.json");
        Files.writeString(slower, scaleRates(Files.readString(s.resolve("jmh.json")), 0.5));
        Object[] worse = CliTest.run("check", "--baseline", s.toString(), "--candidate", slower.toString());
        assertEquals(1, worse[0], (String) worse[1]);
        assertTrue(((String) worse[1]).lines().anyMatch(l -> l.startsWith("  SLOWER") && l.contains("Conversation.outputTokens [thrpt] cache=warm,configuration=cache-off")),
                (String) worse[1]);
    }
}
