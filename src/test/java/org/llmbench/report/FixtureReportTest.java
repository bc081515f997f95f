package org.llmbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.model.ModelRegistry;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.StoragePlan;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A stored results folder (src/test/resources/fixtures/session: a real run of every benchmark at
 * tiny sizes, two cublas configurations failed for want of a driver) reports the same after the
 * model registry changes: the report reads the folder, never the code that made it.
 */
class FixtureReportTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/session");

    @TempDir
    Path tmp;

    private String report(String name) throws Exception {
        Path dir = ReportWriter.write(ResultSet.load(List.of(FIXTURE)), tmp.resolve(name), EnumSet.allOf(ReportWriter.Format.class), ReportOptions.NONE);
        return Files.readString(dir.resolve("report.md")).lines().filter(l -> !l.startsWith("Generated ")).collect(Collectors.joining("\n"))
                + Files.readString(dir.resolve("summary.json")).replace(dir.toString(), "");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReportStaysTheSameAfterTheRegistryChanges() throws Exception {
        String before = report("before");
        assertTrue(before.contains("| llama-tiny | fp32 | 93.1 MiB | 100% | synthetic (seed 42) |"), before);
        Field f = ModelRegistry.class.getDeclaredField("MODELS");
        f.setAccessible(true);
        Map<String, ModelSpec> models = (Map<String, ModelSpec>) f.get(null);
        ModelSpec tiny = models.get("llama-tiny");
        ModelSpec edited = new ModelSpec(tiny.name(), tiny.arch(), tiny.dim() * 2, tiny.layers() + 3, tiny.heads(), tiny.kvHeads(),
                tiny.ffnDim() * 2, tiny.vocab(), tiny.maxSeq() / 2, tiny.ropeTheta(), tiny.normEps(), tiny.tiedEmbeddings());
        assertNotEquals(StoragePlan.weightBytes(tiny, Quant.FP32), StoragePlan.weightBytes(edited, Quant.FP32), "the edit changes what code would compute");
        try {
            models.put("llama-tiny", edited);
            assertEquals(before, report("after"));
        } finally {
            models.put("llama-tiny", tiny);
        }
    }

    @Test
    void failuresKernelsAndMatmulAreReported() throws Exception {
        String md = report("r");
        assertTrue(md.contains("## Failed or skipped") && md.contains("| MatmulBenchmark.multiply | backend=cublas, dtype=fp32, k=256, m=0, n=256 | cublas: no CUDA driver"), md);
        assertTrue(md.contains("\"failedOrSkipped\"") && md.contains("\"reason\": \"cublas: no CUDA driver (libcuda.so.1 not found).\""), md);
        assertTrue(md.contains("## Kernels") && md.contains("no triad bandwidth was measured"), md);
        assertTrue(md.contains("## Matrix multiplication") && md.contains("| jvm | fp32 | 256 × 256 × 256 |"), md);
        assertTrue(md.contains("llmbench 0.1.0-SNAPSHOT (commit "), "the build that ran: " + md);
        assertTrue(md.contains("Not computed: cost needs the price"), md);
        assertFalse(md.contains("g4dn"), "GPU prices only under --what-if");
        assertTrue(md.contains("heatmap.png: needs two models and two quants"), md);
    }
}
