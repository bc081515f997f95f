package org.llmbench.report;

import org.llmbench.results.TelemetryQuantity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A session with telemetry metrics (recognised by unit and label), env.json and quality.json. */
class TelemetryAndQualityTest {
    static final String DECODE = "org.llmbench.bench.DecodeBenchmark.decode";

    @TempDir
    Path tmp;

    private static Map<String, String> telemetry(double tokensPerSecond, double watts) {
        return Map.of(
                "tokens", JmhJsonFixture.metric("ops/s", tokensPerSecond * 0.99, tokensPerSecond * 1.01),
                TelemetryQuantity.Labels.GPU_POWER, JmhJsonFixture.metric("W", watts, watts), // the profiler's labels, as the schema names them
                TelemetryQuantity.Labels.GPU_ENERGY, JmhJsonFixture.metric("J", watts * 3, watts * 3),
                TelemetryQuantity.Labels.GPU_TEMPERATURE, JmhJsonFixture.metric("C", 61, 63),
                TelemetryQuantity.Labels.GPU_MEMORY_USED, JmhJsonFixture.metric("MiB", 512, 512));
    }

    @Test
    void powerThermalQualityAndCostSections() throws Exception {
        Path session = tmp.resolve("results/20260101-000000");
        new JmhJsonFixture()
                .add(DECODE, "thrpt", "ops/s", new double[]{2.4, 2.5, 2.6}, telemetry(80, 100), "model=llama-tiny", "quant=fp32", "batch=1", "promptLen=8", "genLen=32")
                .add(DECODE, "thrpt", "ops/s", new double[]{1.9, 2.0, 2.1}, telemetry(512, 160), "model=llama-tiny", "quant=fp32", "batch=8", "promptLen=8", "genLen=32")
                .add(DECODE, "thrpt", "ops/s", new double[]{4.9, 5.0, 5.1}, telemetry(160, 90), "model=llama-tiny", "quant=int8", "batch=1", "promptLen=8", "genLen=32")
                .add(DECODE, "thrpt", "ops/s", new double[]{7.9, 8.0, 8.1}, telemetry(256, 85), "model=llama-tiny", "quant=int4", "batch=1", "promptLen=8", "genLen=32")
                .write(session.resolve("jmh.json"));
        Files.writeString(session.resolve("env.json"), "{\"machine\": {\"cpuModel\": \"Test CPU\", \"cores\": 2, \"jdk\": \"17\", \"jdkVendor\": \"Debian\"},"
                + " \"weights\": \"synthetic (seed 42)\", \"jmhArgs\": [\"-f\", \"1\"]}");
        Files.writeString(session.resolve("quality.json"), "[{\"model\":\"llama-tiny\",\"quant\":\"int8\",\"weightRmse\":0.001,\"logitsCosine\":0.9999,"
                + "\"klDivergence\":0.0002,\"top1Agreement\":0.995},{\"model\":\"llama-tiny\",\"quant\":\"int4\",\"weightRmse\":0.02,"
                + "\"logitsCosine\":0.99,\"klDivergence\":0.03,\"top1Agreement\":0.93}]");
        ResultSet set = ResultSet.load(List.of(session));
        Path dir = ReportWriter.write(set, session.resolve("report"), EnumSet.allOf(ReportWriter.Format.class), new ReportOptions(null, true));
        String md = Files.readString(dir.resolve("report.md"));
        String plain = Files.readString(ReportWriter.write(set, session.resolve("report"), EnumSet.of(ReportWriter.Format.MD), ReportOptions.NONE).resolve("report.md"));
        assertTrue(plain.contains("Not computed: cost needs the price of the machine") && !plain.contains("g4dn"), "no price given: no cost");

        assertTrue(md.contains("Measured on Test CPU (2 cores)") && md.contains("synthetic (seed 42)"), md);
        // tokens/J derived as tokens/s ÷ W: fp32 b8 512/160 = 3.2 is the best
        assertTrue(md.contains("Best tokens per joule: **llama-tiny fp32 b8** — 3.20 tokens/J"), md);
        assertTrue(md.contains("| DecodeBenchmark.decode | llama-tiny int8 b1 | 90.0 | 270 | 62.0 | 1.78 | 0.563 |"), md);
        assertTrue(md.contains("Smallest measured memory"), md);
        // batch scaling η(8) = 512 / (8 · 80) = 0.8
        assertTrue(md.contains("| decode llama-tiny fp32 (prompt 8, gen 32) | 8 | 512 | 0.800 ± 0.048 |"), md);
        // quantization trade-off joins quality.json; recommendation respects the 1% top-1 tolerance
        assertTrue(md.contains("| llama-tiny | int8 | 160 (b1) | 2.00× |"), md);
        assertTrue(md.contains("99.5%") && md.contains("93.0%"), md);
        assertTrue(md.contains("within 1.00% top-1 disagreement from fp32: **llama-tiny fp32 b8** at 512 tokens/s, 220% ahead of llama-tiny int8 b1 (beyond both 99.9% intervals)"), md);
        assertTrue(md.contains("what-if g4dn.xlarge"), md);
        assertTrue(md.contains("Avoid llama-tiny int4"), md);
        // cost: g4dn.xlarge at 512 tokens/s = 0.526 / (512 · 3600) · 1e6 = $0.2854
        assertTrue(md.contains("| llama-tiny fp32 b8 | 512 | $0.2854 |"), md);
        assertTrue(Files.exists(dir.resolve("tokens-per-watt.png")));
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"top1Agreement\": 0.995") && summary.contains("\"power [W]\": 160.0"), summary);
    }

    @Test
    void theTelemetryProfilersLabelsPickAveragesAndUsedMemory() {
        Map<String, String> sec = new java.util.LinkedHashMap<>();
        sec.put("llm.gpu.power.peak", JmhJsonFixture.metric("W", 300, 300));
        sec.put("llm.gpu.power.avg", JmhJsonFixture.metric("W", 200, 200));
        sec.put("llm.gpu.temp.peak", JmhJsonFixture.metric("C", 80, 80));
        sec.put("llm.gpu.temp.avg", JmhJsonFixture.metric("C", 70, 70));
        sec.put("llm.gpu.mem.total", JmhJsonFixture.metric("MiB", 24576, 24576));
        sec.put("llm.cpu.rss.peak", JmhJsonFixture.metric("MiB", 900, 900));
        sec.put("llm.gpu.mem.used", JmhJsonFixture.metric("MiB", 2048, 2048));
        sec.put("llm.cpu.pkg.power", JmhJsonFixture.metric("W", 50, 50));
        sec.put("llm.cpu.tokens.per.J", JmhJsonFixture.metric("tokens/J", 9, 9));
        sec.put("llm.gpu.tokens.per.J", JmhJsonFixture.metric("tokens/J", 4, 4));
        sec.put("llm.gpu.util", JmhJsonFixture.metric("%", 90, 90));
        Path f = new JmhJsonFixture().add(DECODE, "thrpt", "ops/s", new double[]{1, 1}, sec, "model=llama-tiny", "quant=fp32", "batch=1")
                .write(tmp.resolve("t.json"));
        LlmRow r = ResultSet.load(List.of(f)).rows().get(0);
        assertEquals(200, r.telemetry.get(TelemetryQuantity.POWER));
        assertEquals(70, r.telemetry.get(TelemetryQuantity.TEMPERATURE));
        assertEquals(2048.0 * 1024 * 1024, r.telemetry.get(TelemetryQuantity.MEMORY));
        assertEquals(4, r.telemetry.get(TelemetryQuantity.TOKENS_PER_JOULE));
        assertEquals("llm.gpu.mem.used", r.telemetryLabel.get(TelemetryQuantity.MEMORY));
    }

}
