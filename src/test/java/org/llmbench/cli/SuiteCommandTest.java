package org.llmbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code suite} through the CLI: the plan, bad input, and a real (tiny) suite run into one session. */
class SuiteCommandTest {
    @TempDir
    Path dir;

    @Test
    void standardDryRunPrintsThePlanAndRunsNothing() {
        Object[] r = CliTest.run("suite", "--preset", "standard", "--dry-run", "--seed", "5");
        assertEquals(0, r[0], (String) r[2]);
        List<String> out = ((String) r[1]).lines().toList();
        assertTrue(out.get(0).startsWith("Suite standard: The small registry models"), out.get(0));
        assertTrue(out.get(1).matches("  \\d+ configuration\\(s\\) to run, \\d+ skipped, of 321\\."), out.get(1));
        assertEquals("  Order: shuffled with seed 5 (--seed 5 repeats it), one JMH run per configuration.", out.get(2));
        assertTrue(out.get(3).matches("  Estimated wall time: \\d+ h \\d\\d min .*"), out.get(3));
        assertFalse(((String) r[1]).contains("llmbench: configuration"), "nothing ran");
    }

    @Test
    void badInputGetsOneSentenceAndExitCode2() throws IOException {
        assertRejected("Unknown preset 'fast'; valid presets are quick, standard, comprehensive.", "suite", "--preset", "fast");
        assertRejected("Give one of --preset NAME (quick, standard, comprehensive) or --file SUITE.yaml.", "suite");
        assertRejected("--order 'random' is invalid; valid orders are as-given and shuffled.", "suite", "--preset", "quick", "--order", "random");
        assertRejected("Unknown quant 'fp8'; valid quants are", "suite", "--preset", "standard", "-p", "quant=fp8", "--dry-run");
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "runs:\n  - benchmarks: [Decode]\n    params: {bacth: [1]}\n");
        assertRejected("suite file " + file + ", run 1: param 'bacth' belongs to none of its benchmarks", "suite", "--file", file.toString());
        assertRejected("Cannot read suite file " + dir.resolve("none.yaml"), "suite", "--file", dir.resolve("none.yaml").toString());
    }

    private static void assertRejected(String expected, String... args) {
        Object[] r = CliTest.run(args);
        assertEquals(2, r[0], String.join(" ", args) + "\n" + r[1] + r[2]);
        String err = ((String) r[2]).strip();
        assertTrue(err.contains(expected), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void aSuiteRunsEachConfigurationIntoOneSession() throws IOException {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, """
                description: three tiny configurations
                runs:
                  - benchmarks: [PrefillBenchmark]
                    params: {model: [llama-tiny], batch: [1, 2], promptLen: [8], genLen: [4]}
                    jmh: [-f, 0, -wi, 0, -i, 1, -r, 100ms]
                  - benchmarks: [LoadBenchmark]
                    params: {model: [gpt2-tiny]}
                    jmh: [-f, 0, -wi, 0, -i, 1]
                  - benchmarks: [MatmulBenchmark]
                    params: {backend: [jvm], n: [40000]}
                    jmh: [-f, 0, -wi, 0, -i, 1, -r, 50ms]
                """);
        List<Path> before = sessions();
        Object[] r = CliTest.run("suite", "--file", file.toString(), "--seed", "11");
        List<Path> created = new ArrayList<>(sessions());
        created.removeAll(before);
        try {
            assertEquals(0, r[0], r[1] + "" + r[2]);
            assertEquals(1, created.size(), "one session folder");
            Path session = created.get(0);
            String out = (String) r[1];
            List<String> order = out.lines().filter(l -> l.startsWith("llmbench: configuration ")).toList();
            assertEquals(3, order.size(), out);
            JsonArray results = JsonParser.parseString(Files.readString(session.resolve("jmh.json"))).getAsJsonArray();
            assertEquals(3, results.size(), "the three JMH runs merged");
            for (int i = 0; i < 3; i++) { // results in the order the configurations ran
                JsonObject params = results.get(i).getAsJsonObject().getAsJsonObject("params");
                assertTrue(order.get(i).contains("model=" + params.get("model").getAsString()), order.get(i));
            }
            JsonObject suite = JsonParser.parseString(Files.readString(session.resolve("env.json"))).getAsJsonObject().getAsJsonObject("suite");
            assertEquals("shuffled", suite.get("order").getAsString());
            assertEquals(11, suite.get("seed").getAsLong());
            assertEquals(3, suite.get("configurations").getAsInt());
            try (Stream<Path> records = Files.list(session.resolve("configurations"))) {
                assertEquals(3, records.count(), "a record (weight and KV bytes, shape) per configuration that ran");
            }
            String failures = Files.readString(session.resolve("failures.json"));
            assertTrue(failures.contains("40000") && failures.contains("skipped: "), failures);
            assertTrue(out.contains("llmbench: 1 of 4 configurations failed or were skipped"), out);
            assertTrue(Files.readString(session.resolve("suite-plan.txt")).contains("Order: shuffled with seed 11"));
            try (Stream<Path> left = Files.list(session)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "no partial files left");
            }
            String report = Files.readString(session.resolve("report/report.md"));
            assertTrue(report.contains("| suite.order | shuffled |") && report.contains("| suite.seed | 11 |"), "the report states the order");
            assertTrue(report.contains("## Failed or skipped") && report.contains("n=40000"), "the report lists the skipped configuration");

            Object[] again = CliTest.run("suite", "--file", file.toString(), "--seed", "11", "--dry-run", "--list");
            List<String> listed = ((String) again[1]).lines().filter(l -> l.matches(" +\\d+  \\^.*")).toList();
            assertEquals(3, listed.size(), (String) again[1]);
            for (int i = 0; i < 3; i++) { // --list shows the same order for the same seed, as exact JMH arguments
                String model = order.get(i).replaceAll(".* model=(\\S+).*", "$1");
                assertTrue(listed.get(i).contains(" -p model=" + model + " "), listed.get(i) + " vs " + order.get(i));
            }
        } finally {
            for (Path s : created) delete(s);
        }
    }

    private static List<Path> sessions() throws IOException {
        Path results = Path.of("results");
        if (!Files.isDirectory(results)) return List.of();
        try (Stream<Path> s = Files.list(results)) {
            return s.toList();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
