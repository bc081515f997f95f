package org.llmbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.LlmbenchException;
import org.llmbench.io.AtomicFiles;
import org.llmbench.io.ResultsFolder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class CliTest {
    /** Runs Main and returns {exit code, stdout, stderr}. */
    static Object[] run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Object[]{code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static void assertRejected(String expected, String... args) {
        Object[] r = run(args);
        assertEquals(2, r[0], "exit code for " + String.join(" ", args));
        String err = (String) r[2];
        assertTrue(err.contains(expected), err);
        assertEquals(1, err.strip().lines().count(), "one line, no stack trace: " + err);
    }

    @Test
    void badBenchmarkParametersFailBeforeAnyForkWithTheValidValues() {
        assertRejected("Unknown quant 'fp8'; valid quants are auto (the weights as stored), fp32, fp16", "Decode", "-p", "quant=fp32,fp8");
        assertRejected("Unknown model 'llama-9b'; valid models are llama-tiny", "-p", "model=llama-9b");
        assertRejected("Unknown backend 'cuda'; valid backends are jvm", "-p", "backend=cuda");
        assertRejected("batch '0' is invalid; batch must be a whole number of at least 1", "-p", "batch=1,0");
        assertRejected("batch 'x' is invalid", "-p", "batch=x");
        assertRejected("promptLen '-3' is invalid", "-p", "promptLen=-3");
        assertRejected("-p 'quant' is malformed", "-p", "quant");
    }

    @Test
    void aBackendQuantPairNoEngineRunsFailsBeforeAnyForkWithTheValidPairs() {
        assertRejected("torch: quant int4 is refused: int4 has no PyTorch kernel that DJL can reach; valid quants for torch are fp32, fp16, dynamic."
                        + " Valid (backend, quant) pairs: jvm: fp32, fp16, bf16, int8, int4, nf4, dynamic; torch: fp32, fp16, dynamic; torch-cuda: fp32, fp16.",
                "Decode", "-p", "backend=jvm,torch", "-p", "quant=fp32,int4");
        assertRejected("torch-cuda: quant bf16 is refused", "Decode", "-p", "quant=bf16", "-p", "backend=torch-cuda");
        ParamCheck.check(java.util.List.of("-p", "backend=jvm,torch", "-p", "quant=fp32,fp16,dynamic"));
        ParamCheck.check(java.util.List.of("-p", "backend=jvm", "-p", "quant=int4,bf16"));
        ParamCheck.check(java.util.List.of("-p", "backend=cublas,torch", "-p", "dtype=bf16")); // MatmulBenchmark: a dtype, no quant
    }

    @Test
    void generatePrintsTokenIdsThenTtftAndDecodeSpeed() {
        Object[] r = run("generate", "--model", "llama-tiny", "--prompt-tokens", "1,15,200", "--max-tokens", "5");
        assertEquals(0, r[0], (String) r[2]);
        String[] lines = ((String) r[1]).split("\n");
        assertTrue(lines[0].matches("\\d+( \\d+){4}"), lines[0]);
        assertTrue(lines[1].startsWith("TTFT: "), lines[1]);
        assertTrue(lines[2].matches("decode: [0-9.]+ tokens/s.*"), lines[2]);
        Object[] again = run("generate", "--model", "llama-tiny", "--prompt-tokens", "1,15,200", "--max-tokens", "5");
        assertEquals(lines[0], ((String) again[1]).split("\n")[0], "greedy generation is deterministic");
    }

    @Test
    void generateRejectsBadInput() {
        assertRejected("Unknown model 'gpt5'", "generate", "--model", "gpt5", "--prompt-tokens", "1");
        assertRejected("Token id 32000 is out of range", "generate", "--model", "llama-tiny", "--prompt-tokens", "32000");
        assertRejected("exceed the 256-token context of llama-tiny", "generate", "--model", "llama-tiny", "--prompt-tokens", "1", "--max-tokens", "300");
        assertRejected("Temperature -1.0 is invalid", "generate", "--model", "llama-tiny", "--prompt-tokens", "1", "--temperature", "-1");
    }

    @Test
    void modelsListsEveryRegistryModelWithBytesPerQuant() {
        Object[] r = run("models");
        assertEquals(0, r[0]);
        String out = (String) r[1];
        assertTrue(out.contains("tinyllama-1.1b") && out.contains("falcon-7b") && out.contains("int4"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("llama-2-7b") && l.contains("13.48GB") && l.contains("3.79GB")), out);
    }

    @Test
    void sessionFoldersAreNeverReusedAndResultsNeverOverwritten(@TempDir Path dir) {
        Path a = ResultsFolder.newSession(dir), b = ResultsFolder.newSession(dir);
        assertNotEquals(a, b);
        assertTrue(Files.isDirectory(a) && Files.isDirectory(b));
        AtomicFiles.writeNew(a.resolve("x.json"), "{}");
        assertThrows(LlmbenchException.class, () -> AtomicFiles.writeNew(a.resolve("x.json"), "[]"));
    }
}
