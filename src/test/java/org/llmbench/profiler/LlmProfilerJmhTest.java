package org.llmbench.profiler;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.telemetry.NvmlStub;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A real JMH run (one fork, tiny iterations) of the decode benchmark with -prof llm, the fork
 * finding the stub libnvidia-ml through jna.library.path: the secondary metrics must be in the JSON.
 */
class LlmProfilerJmhTest {
    @Test
    void decodeRunCarriesTelemetryInItsJson(@TempDir Path dir) throws Exception {
        // /tmp/jmh.lock is machine-wide: another developer's benchmark must not fail this functional test
        System.setProperty("jmh.ignoreLock", "true");
        Path stub = NvmlStub.build();
        Path json = dir.resolve("jmh.json");
        Options opts = new OptionsBuilder()
                .include("org.llmbench.bench.DecodeBenchmark")
                .param("model", "llama-tiny").param("batch", "1").param("promptLen", "8").param("genLen", "4")
                .forks(1).warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(2).measurementTime(TimeValue.milliseconds(600))
                .jvmArgsAppend("--add-modules=jdk.incubator.vector", "-Xmx512m", "-Djna.library.path=" + stub)
                .addProfiler(LlmProfiler.class, "interval=20")
                .resultFormat(ResultFormatType.JSON).result(json.toString())
                .shouldFailOnError(true)
                .build();
        new Runner(opts).run();

        JsonArray runs = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
        assertEquals(1, runs.size());
        JsonObject secondary = runs.get(0).getAsJsonObject().getAsJsonObject("secondaryMetrics");
        for (String label : List.of("llm.cpu.util", "llm.profiler.cpu", "llm.cpu.rss.peak", "llm.jvm.heap.used", "llm.jvm.heap.frag",
                "llm.gpu.power.avg", "llm.gpu.energy", "llm.gpu.temp.peak", "llm.gpu.mem.reserved",
                "llm.gpu.event.SwPowerCap", "llm.gpu.tokens.per.J", "llm.gpu.tokens.s.per.W")) {
            assertTrue(secondary.has(key(secondary, label)), label + " missing from " + secondary.keySet());
        }
        JsonObject power = secondary.getAsJsonObject(key(secondary, "llm.gpu.power.avg"));
        assertEquals(250.0, power.get("score").getAsDouble(), 1e-6, "the stub's 250 W");
        assertEquals("W", power.get("scoreUnit").getAsString());
        double tokensPerSecond = secondary.getAsJsonObject("tokens").get("score").getAsDouble();
        double tokensPerJoule = secondary.getAsJsonObject(key(secondary, "llm.gpu.tokens.per.J")).get("score").getAsDouble();
        // the stub's counter runs at 250 W of wall time, so tokens/J is tokens/s / 250 (the window is a little longer than the iteration)
        assertEquals(tokensPerSecond / 250.0, tokensPerJoule, tokensPerSecond / 250.0 * 0.15);
    }

    /** JMH prefixes profiler labels in the JSON ("·gc.alloc.rate"); accept either spelling. */
    private static String key(JsonObject secondary, String label) {
        return secondary.has(label) ? label : "\u00b7" + label;
    }
}
