package org.llmbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.LlmbenchException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ModelFilesCliTest {
    @TempDir
    Path dir;

    private String run(Object command, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            assertEquals(0, Main.runCommand(command, args), out.toString());
        } finally {
            System.setOut(old);
        }
        return out.toString();
    }

    @Test
    void exportThenInspectThenCheckAsJmhParameter() throws Exception {
        Path file = dir.resolve("g.gguf");
        String wrote = run(new ModelsCommand(), "export", "--model", "gpt2-tiny", "--quant", "int8", "--out", file.toString());
        assertTrue(wrote.contains("wrote") && wrote.contains("gpt2-tiny"), wrote);
        String inspected = run(new ModelsCommand(), "--inspect", file.toString(), "--tensors");
        assertTrue(inspected.contains("(gpt2)") && inspected.contains("Q8_0") && inspected.contains("blk.3.ffn_down.weight")
                && inspected.contains("parameters: ") && inspected.contains("GGUF:       version 3"), inspected);
        ParamCheck.check(List.of("-p", "model=gpt2-tiny," + file, "-p", "quant=auto,int4"));
        // without --quant the file's Q8_0 runs as stored (int8), and env.json says what auto ran
        String generated = run(new GenerateCommand(), "--model", file.toString(), "--prompt-tokens", "1,2,3", "--max-tokens", "2");
        assertTrue(generated.contains("quant int8 (auto: the dominant stored type; every weight runs as stored)"), generated);
        String decode = "org.llmbench.bench.DecodeBenchmark.decode";
        assertEquals(java.util.Map.of("quantAuto", java.util.Map.of(file.toString(), "int8 (auto: the dominant stored type; every weight runs as stored)")),
                EnvironmentFile.autoQuants(List.of(new RunPlan.Configuration(decode, java.util.Map.of("model", file.toString(), "quant", "auto")))));
        assertTrue(EnvironmentFile.autoQuants(List.of(new RunPlan.Configuration(decode, java.util.Map.of("model", file.toString(), "quant", "int4")))).isEmpty(),
                "no auto in the run");
        Object[] torch = CliTest.run("Decode", "-p", "model=" + file, "-p", "backend=torch");
        assertEquals(2, torch[0], (String) torch[2]);
        assertTrue(((String) torch[2]).contains("quant auto (int8, as " + file + " stores its weights) cannot run on the torch engine"), (String) torch[2]);
        Files.write(file.resolveSibling("bad.gguf"), new byte[]{'G', 'G', 'U', 'F', 9, 0, 0, 0});
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> ParamCheck.check(List.of("-p", "model=" + file.resolveSibling("bad.gguf"))));
        assertTrue(e.getMessage().contains("bad.gguf"), e.getMessage());
        e = assertThrows(LlmbenchException.class, () -> ParamCheck.check(List.of("-p", "model=nope")));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains(".gguf") && e.getMessage().contains("llama-tiny"), e.getMessage());
    }
}
