package org.llmbench.results;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** The schema names what the benchmarks really emit: their method names and their counters' labels. */
class SchemaTest {
    @Test
    void everyKindNamesABenchmarkThatExists() {
        Set<String> methods = BenchmarkList.defaultList().getAll(OutputFormatFactory.createFormatInstance(
                new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT), List.of()).stream()
                .map(BenchmarkListEntry::getUsername).collect(Collectors.toSet());
        for (BenchmarkKind k : BenchmarkKind.measured()) {
            assertTrue(methods.contains(k.method), k + " names " + k.method + ", not among " + methods);
            assertEquals(k, BenchmarkKind.of(k.method));
        }
        assertEquals(BenchmarkKind.OTHER, BenchmarkKind.of("org.llmbench.bench.DecodeBenchmark.decodeX"), "exact names, not prefixes");
    }

    @Test
    void theCounterFieldsCarryTheSchemasLabels() throws Exception {
        List<String> fields = new ArrayList<>();
        for (String c : List.of("TokenCounter", "GemmCounters", "GemmClock")) {
            for (Field f : Class.forName("org.llmbench.bench." + c).getFields()) {
                if (!Modifier.isStatic(f.getModifiers())) fields.add(f.getName()); // JMH labels @AuxCounters by field name
            }
        }
        List<String> labels = new ArrayList<>();
        for (Field f : Counters.class.getFields()) {
            String v = (String) f.get(null);
            if (!v.startsWith("·")) labels.add(v);
        }
        assertEquals(labels.stream().sorted().toList(), fields.stream().sorted().toList());
    }

    @Test
    void recordsRoundTripAndNotMeasuredStaysNotMeasured() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("llmbench-schema");
        String saved = System.getProperty(SessionFiles.SESSION_PROPERTY);
        try {
            System.setProperty(SessionFiles.SESSION_PROPERTY, dir.toString());
            ConfigurationRecord r = new ConfigurationRecord("a.B.m", Map.of("quant", "int4", "model", "/models/x y.gguf"), BenchmarkKind.LOAD,
                    new ModelShape("x", "llama", 2, 64, 4, 2, 128, 100, 256, 12345), "file x y.gguf", 1e6, Double.NaN, null);
            SessionFiles.record(r);
            SessionFiles.record(r); // a second fork of the same configuration: kept once
            List<String> notes = new ArrayList<>();
            List<ConfigurationRecord> back = SessionFiles.readConfigurations(dir, notes);
            assertEquals(List.of(), notes);
            assertEquals(1, back.size());
            assertEquals(r.key(), back.get(0).key());
            assertTrue(Double.isNaN(back.get(0).kvCacheBytes()), "not measured is read back as NaN, never 0");
            assertEquals(r.model(), back.get(0).model());
        } finally {
            if (saved == null) System.clearProperty(SessionFiles.SESSION_PROPERTY);
            else System.setProperty(SessionFiles.SESSION_PROPERTY, saved);
        }
    }

    @Test
    void buildIdentityIsInTheJar() {
        BuildInfo b = BuildInfo.current();
        assertFalse(b.version().isBlank() || b.version().equals("unknown"), b.toString());
        assertTrue(b.commit().matches("[0-9a-f]{12}|unknown"), b.toString());
        assertTrue(Arrays.asList(b.describe().split(" ")).contains("(commit"), b.describe());
    }
}
