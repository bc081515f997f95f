package org.llmbench.cli;

import org.llmbench.workload.QualityReport;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class QualityCommandTest {
    @Test
    void jsonHasTheKeysTheReportReads() {
        String json = QualityCommand.toJson(List.of(new QualityReport("llama-tiny", "int4", 0.02, "token_embd.weight", 0.04, 0.98, 0.02, 0.5, 32, "synthetic (seed 42)")));
        JsonObject o = JsonParser.parseString(json).getAsJsonArray().get(0).getAsJsonObject();
        for (String key : new String[]{"model", "quant", "weightRmse", "logitsCosine", "klDivergence", "top1Agreement"}) assertTrue(o.has(key), key);
        assertEquals("int4", o.get("quant").getAsString());
        assertEquals(0.98, o.get("logitsCosine").getAsDouble());
    }

    @Test
    void writesJsonAndNeverOverwrites(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("quality.json");
        assertEquals(0, Main.runCommand(new QualityCommand(), new String[]{"--model", "gpt2-tiny", "--quant", "int8", "--positions", "3", "--out", out.toString()}));
        JsonArray a = JsonParser.parseString(Files.readString(out)).getAsJsonArray();
        assertEquals(1, a.size());
        assertEquals("gpt2-tiny", a.get(0).getAsJsonObject().get("model").getAsString());
        assertEquals(2, Main.runCommand(new QualityCommand(), new String[]{"--model", "gpt2-tiny", "--quant", "int8", "--out", out.toString()}));
    }

    @Test
    void badQuantIsOneSentence() {
        assertEquals(2, Main.runCommand(new QualityCommand(), new String[]{"--model", "gpt2-tiny", "--quant", "int3"}));
    }
}
