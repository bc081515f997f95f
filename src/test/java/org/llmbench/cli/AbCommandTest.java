package org.llmbench.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * ab and calibrate through real JMH forks of a tiny benchmark (DecodeBenchmark on a 64-wide Llama),
 * each fork its own {@code java -jar} process. The forks are short and the machine that runs the tests
 * may be busy (at a load of 16 on 2 cores, single A/A pair ratios ranged 0.33 to 1.43), so the
 * thresholds are wide (90% for A/A, 50% against a 90% handicap): these tests check the mechanism end to
 * end; the gate's sensitivity is measured with calibrate on a quiet machine (docs/REGRESSION-GATE.md).
 */
class AbCommandTest {
    @TempDir
    static Path tmp;
    static Path jarA, jarB, model;

    static {
        System.setProperty("jmh.ignoreLock", "true"); // other JMH runs share this machine; ab passes jmh.* on to its forks
    }

    @BeforeAll
    static void jars() throws Exception {
        jarA = LauncherJars.write(tmp.resolve("a.jar"), LlmbenchJar.MAIN, null);
        jarB = Files.copy(jarA, tmp.resolve("b.jar"));
        model = LauncherJars.tinyModel(tmp.resolve("t-llama.gguf"));
    }

    /** ab's arguments, then JMH's: C1 only (-XX:TieredStopAtLevel=1) so a short fork does not measure when C2 happens to finish. */
    static String[] args(List<String> ab, String... jmhExtra) {
        List<String> a = new ArrayList<>(ab);
        a.addAll(List.of("--", "Decode", "-p", "model=" + model, "-p", "promptLen=4", "-p", "genLen=1",
                "-wi", "1", "-w", "300ms", "-i", "3", "-r", "300ms", "-jvmArgsPrepend", "-XX:TieredStopAtLevel=1"));
        a.addAll(List.of(jmhExtra));
        return a.toArray(String[]::new);
    }

    static Object[] ab(List<String> ab, String... jmhExtra) {
        List<String> all = new ArrayList<>(List.of("ab"));
        all.addAll(List.of(args(ab, jmhExtra)));
        return CliTest.run(all.toArray(String[]::new));
    }

    static Path onlyFolder(Path results) throws Exception {
        try (Stream<Path> s = Files.list(results)) {
            List<Path> l = s.toList();
            assertEquals(1, l.size(), l.toString());
            return l.get(0);
        }
    }

    @Test
    void twoCopiesOfTheJarAreSameAndTheirPairsCalibrateTheGate() throws Exception {
        Path results = tmp.resolve("same");
        Object[] r = ab(List.of("--baseline", jarA.toString(), "--candidate", jarB.toString(), "--pairs", "3", "--seed", "11",
                "--max-regression", "90%", "--results", results.toString()), "-p", "batch=1");
        String out = (String) r[1];
        assertEquals(0, r[0], out + r[2]);
        assertTrue(out.contains("ab: 3 pairs, order seed 11") && out.contains("ab: pair 3/3 done"), out);
        assertTrue(out.contains("  SAME ") && out.contains("noise band ±") && out.contains("ab: SAME: no configuration got worse beyond 90.0%."), out);

        Path folder = onlyFolder(results);
        JsonObject json = JsonParser.parseString(Files.readString(folder.resolve("ab.json"))).getAsJsonObject();
        assertEquals("SAME", json.get("verdict").getAsString());
        assertEquals(11, json.get("seed").getAsLong());
        assertEquals(3, json.getAsJsonArray("order").size());
        assertEquals(json.getAsJsonObject("baseline").get("sha256"), json.getAsJsonObject("candidate").get("sha256"));
        assertEquals(3, json.getAsJsonArray("configurations").get(0).getAsJsonObject().getAsJsonArray("ratios").size());
        assertTrue(out.endsWith(Files.readString(folder.resolve("ab.txt"))), "ab.txt holds the printed verdict");
        assertTrue(Files.isRegularFile(folder.resolve("env.json")) && Files.isRegularFile(folder.resolve("candidate/pair-03.json"))
                && Files.isRegularFile(folder.resolve("baseline/pair-01.log")));
        try (Stream<Path> s = Files.walk(folder)) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".partial")), "no partial files left");
        }

        // the same forks judged again from their files (as for forks run by hand): the same verdict
        Object[] again = CliTest.run("ab", "--baseline", folder.resolve("baseline").toString(), "--candidate", folder.resolve("candidate").toString(),
                "--max-regression", "90%");
        assertEquals(0, again[0], (String) again[2]);
        assertTrue(((String) again[1]).endsWith(Files.readString(folder.resolve("ab.txt"))), (String) again[1]);

        // calibrate reads the A/A pairs: noise band, a table over pair counts, a recommendation
        Object[] cal = CliTest.run("calibrate", "--from", folder.toString(), "--max-regression", "90%");
        String c = (String) cal[1];
        assertEquals(0, cal[0], c + cal[2]);
        assertTrue(c.contains("3 A/A pairs") && c.contains("noise band ±") && c.contains("slowdown SLOWER with 95% power at 90.0%"), c);
        assertTrue(c.lines().filter(l -> l.matches("\\s+(3|5|10|15|20|30|40)\\s+.*%.*")).count() == 7, c);
        assertTrue(c.contains("recommendation: ") && c.contains("fewer than 10 pairs measured"), c);

        // a result file and a folder do not pair up: one sentence
        Object[] counts = CliTest.run("ab", "--baseline", folder.resolve("baseline/pair-01.json").toString(), "--candidate", folder.resolve("candidate").toString());
        assertEquals(2, counts[0]);
        assertTrue(((String) counts[2]).contains("1 baseline forks and 3 candidate forks"), (String) counts[2]);
    }

    @Test
    void aCandidateWithARealSlowdownIsSlower() throws Exception {
        Path results = tmp.resolve("slower");
        Object[] r = ab(List.of("--baseline", jarA.toString(), "--candidate", jarB.toString(), "--pairs", "2", "--seed", "12",
                "--max-regression", "50%", "--candidate-jvm-args=-Dllmbench.handicap=90%", "--results", results.toString()), "-p", "batch=1");
        String out = (String) r[1];
        assertEquals(1, r[0], out + r[2]);
        assertTrue(out.contains("  SLOWER ") && out.contains("ab: SLOWER: 1 of 1 configuration(s) worse beyond 50.0%"), out);
        Path folder = onlyFolder(results);
        JsonObject cfg = JsonParser.parseString(Files.readString(folder.resolve("ab.json"))).getAsJsonObject()
                .getAsJsonArray("configurations").get(0).getAsJsonObject();
        assertTrue(cfg.get("medianRatio").getAsDouble() < 0.3, cfg.toString()); // a 90% handicap leaves about 0.1
        String log = Files.readString(folder.resolve("candidate/pair-01.log"));
        assertTrue(log.lines().findFirst().orElseThrow().contains("-jvmArgsPrepend -XX:TieredStopAtLevel=1 -Dllmbench.handicap=90%"), log);
        assertFalse(Files.readString(folder.resolve("baseline/pair-01.log")).lines().findFirst().orElseThrow().contains("handicap"));
    }

    /** A seed whose first pair runs the candidate first. */
    static String candidateFirst() {
        long seed = 0;
        while (new SplittableRandom(seed).nextBoolean()) seed++;
        return Long.toString(seed);
    }

    @Test
    void aCandidateThatCannotRunFailsWithItsSentence() {
        Object[] r = ab(List.of("--baseline", jarA.toString(), "--candidate", jarB.toString(), "--pairs", "2", "--seed", candidateFirst(),
                "--candidate-jvm-args=-Dllmbench.handicap=lots", "--results", tmp.resolve("broken").toString()), "-p", "batch=1");
        String out = (String) r[1];
        assertEquals(1, r[0], out + r[2]);
        assertTrue(out.contains("ab: FAILED: The candidate fork of pair 1 failed") && out.contains("-Dllmbench.handicap='lots' is invalid"), out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void differentBenchmarkSetsStopAfterThePairThatShowsThem() throws Exception {
        Path other = LauncherJars.withDecodeBatchOneOnly(tmp.resolve("other.jar"), tmp.resolve("other-classes"));
        Object[] r = ab(List.of("--baseline", jarA.toString(), "--candidate", other.toString(), "--pairs", "5", "--results", tmp.resolve("mismatch").toString()));
        String err = (String) r[2];
        assertEquals(2, r[0], r[1] + err);
        assertEquals("llmbench: Baseline and candidate ran different benchmark sets; only in the baseline: DecodeBenchmark.decode [thrpt] backend=jvm,batch=8,genLen=1,model="
                + model + ",promptLen=4,quant=auto; a paired comparison needs the same benchmarks and parameters on both sides.", err.strip());
        assertFalse(((String) r[1]).contains("pair 2/5"), "stopped after the first pair");
    }

    @Test
    void badInputsGetOneSentenceAndExitTwo() throws Exception {
        Path notOurs = LauncherJars.write(tmp.resolve("tool.jar"), "com.example.Tool", null);
        Path junk = Files.writeString(tmp.resolve("junk.jar"), "not a zip");
        String a = jarA.toString();
        assertBad("--baseline " + tmp.resolve("missing.jar") + " does not exist", "--baseline", tmp.resolve("missing.jar").toString(), "--candidate", a);
        assertBad("is not an llmbench jar: its manifest names Main-Class com.example.Tool, not org.llmbench.cli.Main",
                "--baseline", a, "--candidate", notOurs.toString());
        assertBad("--candidate " + junk + " is not a jar", "--baseline", a, "--candidate", junk.toString());
        assertBad("must both be llmbench jars (to run them) or both JMH results", "--baseline", a, "--candidate", tmp.toString());
        assertBad("--pairs 1 is invalid", "--baseline", a, "--candidate", a, "--pairs", "1");
        assertBad("--max-regression 'lots' is invalid", "--baseline", a, "--candidate", a, "--max-regression", "lots");
        assertBad("JMH option -f cannot be used with ab", "--baseline", a, "--candidate", a, "--", "Decode", "-f", "3");
        assertBad("JMH option -rff cannot be used", "--baseline", a, "--candidate", a, "--", "-rff", "x.json");
        assertBad("does not exist", "--baseline", tmp.resolve("no-results").toString(), "--candidate", tmp.resolve("no-results-either").toString());
        // a value the jars refuse is bad input whichever side runs first
        assertBad("The candidate fork of pair 1 failed (exit 2): llmbench: Unknown quant 'fp9'",
                args(List.of("--baseline", a, "--candidate", a, "--seed", candidateFirst(), "--results", tmp.resolve("bad-p").toString()), "-p", "quant=fp9"));
        Object[] cal = CliTest.run("calibrate", "--jar", notOurs.toString());
        assertEquals(2, cal[0]);
        assertTrue(((String) cal[2]).contains("is not an llmbench jar"), (String) cal[2]);
    }

    @Test
    void helpPrintsWithoutWarnings() {
        for (String cmd : List.of("ab", "calibrate")) {
            Object[] r = CliTest.run(cmd, "--help");
            assertEquals(0, r[0]);
            assertTrue(((String) r[1]).contains("--max-regression") && ((String) r[1]).contains("95%"), (String) r[1]);
            assertEquals("", r[2], "no picocli warnings");
        }
    }

    private static void assertBad(String expected, String... args) {
        List<String> all = new ArrayList<>(List.of("ab"));
        all.addAll(List.of(args));
        Object[] r = CliTest.run(all.toArray(String[]::new));
        String err = (String) r[2];
        assertEquals(2, r[0], String.join(" ", args) + ": " + r[1] + err);
        assertTrue(err.contains(expected), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
    }
}
