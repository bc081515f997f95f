package org.llmbench.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** What a user sees from the launcher: exit codes, one-sentence refusals before any fork, help and version. */
class LauncherTest {
    @TempDir
    Path tmp;
    private Path savedRoot;

    @BeforeEach
    void sessionsIntoTmp() {
        savedRoot = JmhLauncher.resultsRoot;
        JmhLauncher.resultsRoot = tmp.resolve("results");
        System.setProperty("jmh.ignoreLock", "true"); // other JMH runs share this machine; these check behaviour, not speed
    }

    @AfterEach
    void restore() {
        JmhLauncher.resultsRoot = savedRoot;
    }

    private static void refused(String expected, String... args) {
        Object[] r = CliTest.run(args);
        String err = (String) r[2];
        assertEquals(2, r[0], String.join(" ", args) + ": " + err);
        assertTrue(err.startsWith("llmbench: ") && err.contains(expected), err);
        assertEquals(1, err.strip().lines().count(), "one sentence, no trace: " + err);
    }

    @Test
    void whatCannotRunIsRefusedBeforeAnyFork() {
        refused("-p prompLen names no parameter of the selected benchmarks; their parameters are backend, batch, dtype, genLen, k, m, model, n, promptLen, quant, source.",
                "-p", "prompLen=5");
        refused("-p source names no parameter of the selected benchmarks (source is a parameter of LoadBenchmark, which this run does not select)",
                "Decode", "-p", "source=gguf");
        refused("promptLen 300 + genLen 32 = 332 exceeds the 256-token context of llama-tiny", "Decode", "-p", "promptLen=300");
        refused("backend 'cublas' cannot run DecodeBenchmark: the engine benchmarks run on jvm, torch, torch-cuda (cublas is a MatmulBenchmark backend",
                "Decode", "-p", "backend=cublas");
        refused("dtype 'bf16' cannot run on the torch matmul backend", "Matmul", "-p", "backend=torch", "-p", "dtype=bf16");
        refused("No benchmark matches NoSuchBenchmark", "NoSuchBenchmark");
        refused("quant 'auto' needs a model (the weights as stored); KernelBenchmark takes one of fp32", "Kernel", "-p", "quant=auto");
        refused("-prof llm: interval=abc is invalid; it must be a whole number from 1 to 60000.", "-prof", "llm:interval=abc");
        assertFalse(Files.exists(tmp.resolve("results")), "nothing ran, so no session folder");
    }

    @Test
    void profilerHelpHelpAndVersion() {
        Object[] help = CliTest.run("-prof", "llm:help");
        assertEquals(0, help[0]);
        assertTrue(((String) help[1]).startsWith("Usage: -prof llm[:option=value;option=value...]") && ((String) help[1]).contains("interval=<ms>"), (String) help[1]);
        for (String flag : List.of("--help", "-h", "help")) {
            Object[] r = CliTest.run(flag);
            assertEquals(0, r[0]);
            String out = (String) r[1];
            Main.COMMANDS.keySet().forEach(c -> assertTrue(out.contains("\n  " + c + " "), flag + " lists " + c + ": " + out));
            assertTrue(out.indexOf("Commands:") < out.indexOf("help jmh"), "then points to JMH's options: " + out);
        }
        Object[] v = CliTest.run("--version");
        assertEquals(0, v[0]);
        assertTrue(((String) v[1]).matches("llmbench \\S+ \\(commit [0-9a-f]{12}.*\\)\\n"), (String) v[1]);
    }

    @Test
    void everySubcommandsHelpPrintsWithoutWarnings() {
        for (String c : Main.COMMANDS.keySet()) {
            Object[] r = CliTest.run(c, "--help");
            assertEquals(0, r[0], c);
            assertTrue(((String) r[1]).startsWith("Usage: " + c), c + ": " + r[1]);
            assertEquals("", r[2], c + " --help printed warnings");
        }
        Object[] export = CliTest.run("models", "export", "--help");
        assertEquals(0, export[0]);
        assertEquals("", export[2]);
    }

    @Test
    void aRunWhereEverythingFailedExits1AndOneWhereSomeFailedListsThem() throws Exception {
        // n = 40000 needs ~13 GB for its matrices: refused in setup ("does not fit"), on any machine
        Object[] all = CliTest.run("Matmul", "-p", "backend=jvm", "-p", "n=40000", "-f", "0", "-wi", "0", "-i", "1", "-r", "50ms");
        assertEquals(1, all[0], all[1] + "" + all[2]);
        assertTrue(((String) all[2]).contains("llmbench: no configuration produced a result (1 failed)."), (String) all[2]);
        assertTrue(((String) all[1]).contains("failed: ") && ((String) all[1]).contains("does not fit"), (String) all[1]);
        assertFalse(((String) all[1]).contains("LlmbenchException") || ((String) all[1]).contains(".partial"), "no class names, no temporary files: " + all[1]);

        Object[] some = CliTest.run("Matmul", "-p", "backend=jvm", "-p", "n=32,40000", "-f", "0", "-wi", "0", "-i", "1", "-r", "50ms");
        String out = (String) some[1];
        assertEquals(0, some[0], out + some[2]);
        assertTrue(out.contains("llmbench: 1 of 2 configurations failed or were skipped:\n  MatmulBenchmark.multiply backend=jvm dtype=fp32 k=0 m=0 n=40000: "), out);
        assertFalse(out.contains("(backend)  (dtype)") || out.contains(".partial"), "no JMH N/A table, no temporary file: " + out);
        assertTrue(out.contains("MatmulBenchmark.multiply (thrpt)\n  backend dtype k m n "), "our summary table, only this benchmark's params: " + out);
        Path session;
        try (Stream<Path> s = Files.list(tmp.resolve("results"))) {
            session = s.filter(p -> Files.exists(p.resolve("jmh.json"))).filter(p -> {
                try {
                    return Files.readString(p.resolve("jmh.json")).contains("\"32\"");
                } catch (java.io.IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
        assertTrue(Files.readString(session.resolve("failures.json")).contains("does not fit"));
        String md = Files.readString(session.resolve("report/report.md"));
        assertTrue(md.contains("## Failed or skipped") && md.contains("n=40000") && md.contains("does not fit"), md);
        assertTrue(Files.readString(session.resolve("report/summary.json")).contains("\"failedOrSkipped\""));
        assertFalse(Files.exists(session.resolve("jmh.json.partial")));
    }

    @Test
    void anInterruptedRunLeavesNoHalfWrittenFileButSaysWhatHappened() throws Exception {
        RunFolder folder = RunFolder.create(tmp.resolve("results"), "json");
        Files.writeString(folder.partial, ""); // JMH touches its result file when it starts, and writes it only at the end
        folder.interrupted(); // what the shutdown hook does on Ctrl-C
        assertFalse(Files.exists(folder.partial));
        assertTrue(Files.readString(folder.dir.resolve("INCOMPLETE.txt")).startsWith("This run was interrupted at "));
        Object[] r = CliTest.run("report", folder.dir.toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("is an interrupted run: it holds no results (see its INCOMPLETE.txt)."), (String) r[2]);
        assertTrue(folder.finish() == false && !Files.exists(folder.result));
    }
}
