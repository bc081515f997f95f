package org.llmbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QualityHookTest {
    @Test
    void collectsModelAndQuantParamsOfJvmRuns(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("jmh.json");
        Files.writeString(json, """
                [{"benchmark":"a","params":{"model":"llama-tiny","quant":"int4","backend":"jvm"}},
                 {"benchmark":"a","params":{"model":"llama-tiny","quant":"fp32","backend":"jvm"}},
                 {"benchmark":"b","params":{"model":"gpt2","quant":"int8","backend":"torch"}},
                 {"benchmark":"c","params":{"size":"2048"}},
                 {"benchmark":"d"}]""");
        Set<String> models = new TreeSet<>(), quants = new TreeSet<>();
        QualityHook.collect(json, models, quants);
        assertEquals(Set.of("llama-tiny"), models);
        assertEquals(Set.of("int4", "fp32"), quants);
    }
}
