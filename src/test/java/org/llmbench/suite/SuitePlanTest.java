package org.llmbench.suite;

import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Presets parsed and expanded to exact JMH argument lists; skips, estimate and order. */
class SuitePlanTest {
    private static final long GIB = 1L << 30;
    /** A machine with room for everything and a GPU, so nothing is skipped. */
    private static final HostLimits ROOMY = new HostLimits(4096 * GIB, () -> null);
    /** This project's machines: 24 GiB, no CUDA driver. */
    private static final HostLimits SMALL = new HostLimits(24 * GIB, () -> "cublas: no CUDA driver (libcuda.so.1 not found).");
    private static final BenchmarkCatalog CATALOG = BenchmarkCatalog.ofJar();

    private static SuitePlan plan(String preset, HostLimits host, String... extra) {
        return SuitePlan.of(SuiteFile.preset(preset), List.of(extra), RunOrder.AS_GIVEN, 1, CATALOG, host);
    }

    @Test
    void presetsAreQuickStandardComprehensive() {
        assertEquals(List.of("quick", "standard", "comprehensive"), SuiteFile.presetNames());
        for (String p : SuiteFile.presetNames()) assertFalse(SuiteFile.preset(p).description().isBlank(), p);
    }

    @Test
    void quickIsTodaysDefaultRun() throws Exception {
        Suite quick = SuiteFile.preset("quick");
        assertEquals(List.of(new SuiteRun(List.of(), Map.of(), List.of())), quick.runs(),
                "one run with no benchmarks, params or options: the arguments of a plain `java -jar target/benchmarks.jar`");
        SuitePlan plan = plan("quick", ROOMY);
        assertTrue(plan.toRun().stream().allMatch(c -> c.options().isEmpty()), "forks and iterations from the annotations, as by default");
        assertEquals(jmhDefaultConfigurations(), set(plan.toRun()), "the same configurations JMH runs with no arguments");
        assertEquals(20, plan.toRun().size());
        SuitePlan here = plan("quick", SMALL);
        assertEquals(List.of("MatmulBenchmark.multiply backend=cublas dtype=fp32 k=0 m=0 n=512",
                        "MatmulBenchmark.multiply backend=cublas dtype=fp32 k=0 m=0 n=1024",
                        "MatmulBenchmark.multiply backend=cublas dtype=fp32 k=0 m=0 n=2048"),
                here.skipped().stream().map(p -> p.configuration().label()).toList(), "without a GPU, cuBLAS is skipped (the default run fails those alone)");
        assertEquals("no GPU; cublas: no CUDA driver (libcuda.so.1 not found).", here.skipped().get(0).skipped());
        double minutes = here.estimatedSeconds() / 60;
        assertTrue(minutes > 2 && minutes < 4, "the README says ~3 minutes on 2 cores: " + minutes);
    }

    /** What JMH itself lists with -lp: every benchmark with each @Param's values, multiplied out. */
    private static Set<String> jmhDefaultConfigurations() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            org.openjdk.jmh.Main.main(new String[]{"-lp"});
        } finally {
            System.setOut(out);
        }
        Set<String> configurations = new HashSet<>();
        Pattern param = Pattern.compile("\\s+param \"(\\w+)\" = \\{(.*)}");
        String benchmark = null;
        Map<String, List<String>> params = new TreeMap<>();
        List<String> lines = new ArrayList<>(buf.toString(StandardCharsets.UTF_8).lines().toList());
        lines.add("end.");
        for (String line : lines) {
            Matcher m = param.matcher(line);
            if (m.matches()) {
                params.put(m.group(1), List.of(m.group(2).split(", ")));
            } else if (line.startsWith("org.llmbench.") || line.equals("end.")) {
                if (benchmark != null) {
                    List<String> combos = List.of(benchmark.substring("org.llmbench.bench.".length()));
                    for (Map.Entry<String, List<String>> p : params.entrySet()) {
                        List<String> next = new ArrayList<>();
                        for (String c : combos) for (String v : p.getValue()) next.add(c + " " + p.getKey() + "=" + v);
                        combos = next;
                    }
                    configurations.addAll(combos);
                }
                benchmark = line.strip();
                params = new TreeMap<>();
            }
        }
        assertEquals(20, configurations.size(), buf.toString(StandardCharsets.UTF_8));
        return configurations;
    }

    private static Set<String> set(List<Configuration> configurations) {
        Set<String> s = new HashSet<>();
        configurations.forEach(c -> s.add(c.label()));
        assertEquals(configurations.size(), s.size(), "no configuration twice");
        return s;
    }

    @Test
    void standardExpandsToExactJmhArgumentLists() {
        SuitePlan plan = plan("standard", ROOMY);
        // 5 models x 7 quants x 4 batches for Decode and Prefill, 5 x 7 for Load (no batch), 3 backends x 2 sizes for Matmul
        assertEquals(5 * 7 * 4 * 2 + 5 * 7 + 3 * 2, plan.toRun().size());
        assertEquals(List.of("^\\Qorg.llmbench.bench.DecodeBenchmark.decode\\E$", "-p", "backend=jvm", "-p", "batch=1", "-p", "genLen=32",
                "-p", "model=llama-tiny", "-p", "promptLen=128", "-p", "quant=fp32", "-prof", "llm"), plan.toRun().get(0).jmhArgs());
        assertEquals(List.of("^\\Qorg.llmbench.bench.DecodeBenchmark.decode\\E$", "-p", "backend=jvm", "-p", "batch=1", "-p", "genLen=32",
                "-p", "model=llama-tiny", "-p", "promptLen=128", "-p", "quant=fp16", "-prof", "llm"), plan.toRun().get(1).jmhArgs(),
                "as given: benchmarks by name, parameters by name, the last one varying fastest");
        assertEquals(List.of("^\\Qorg.llmbench.bench.MatmulBenchmark.multiply\\E$", "-p", "backend=cublas", "-p", "dtype=fp32", "-p", "k=0",
                "-p", "m=0", "-p", "n=2048", "-prof", "llm"), plan.toRun().get(plan.toRun().size() - 1).jmhArgs());
        assertEquals(List.of("^\\Qorg.llmbench.bench.LoadBenchmark.load\\E$", "-p", "backend=jvm", "-p", "model=tinyllama-1.1b",
                "-p", "quant=dynamic", "-p", "source=synthetic", "-prof", "llm"),
                plan.toRun().stream().filter(c -> c.benchmark().endsWith("LoadBenchmark.load")).reduce((a, b) -> b).orElseThrow().jmhArgs());
        for (Configuration c : plan.toRun()) { // JMH accepts each list and it selects exactly its one benchmark
            CommandLineOptions o = assertDoesNotThrow(() -> new CommandLineOptions(c.jmhArgs().toArray(String[]::new)));
            assertEquals(1, CATALOG.all().stream().filter(e -> BenchmarkCatalog.finds(o.getIncludes().get(0), e, "test")).count(), c.label());
        }
    }

    @Test
    void comprehensiveSkipsWhatDoesNotFitThisMachineAndUsesThreeForks() {
        SuitePlan here = plan("comprehensive", SMALL);
        assertTrue(here.toRun().stream().allMatch(c -> c.options().containsAll(List.of("-f", "3"))));
        SuitePlan.Planned big = here.skipped().stream()
                .filter(p -> p.configuration().label().equals("DecodeBenchmark.decode backend=jvm batch=1 genLen=32 model=llama-2-7b promptLen=128 quant=fp32"))
                .findFirst().orElseThrow();
        assertTrue(big.skipped().matches("Model llama-2-7b at fp32 with a session of batch 1 x 160 tokens does not fit: needs 25\\.\\d\\d GiB, "
                + "18\\.00 GiB available to a forked JVM's heap\\."), big.skipped()); // -XX:MaxRAMPercentage=75 of 24 GiB
        assertTrue(here.toRun().stream().anyMatch(c -> c.label().equals("DecodeBenchmark.decode backend=jvm batch=1 genLen=32 model=llama-2-7b promptLen=128 quant=int4")),
                "the same model fits at int4");
        assertEquals("promptLen + genLen = 1032 tokens exceed the 1024-token context of gpt2.",
                plan("comprehensive", ROOMY, "Prefill", "-p", "model=gpt2", "-p", "promptLen=1000").skipped().get(0).skipped());
        assertEquals(0, plan("comprehensive", ROOMY, "Decode", "-p", "batch=32").skipped().size(), "a machine with room skips nothing");
        List<String> skippedAt1g = plan("comprehensive", ROOMY, "-jvmArgsAppend", "-Xmx1g", "Load", "-p", "model=tinyllama-1.1b", "-p", "quant=fp32,int4")
                .skipped().stream().map(p -> p.configuration().label()).toList();
        assertEquals(List.of("LoadBenchmark.load backend=jvm model=tinyllama-1.1b quant=fp32 source=synthetic"), skippedAt1g,
                "a user's -Xmx sizes the forks: fp32 (4.1 GiB) does not fit 1 GiB, int4 (0.6 GiB and one tensor's floats) does");
    }

    @Test
    void extraOptionsNarrowAndOverride() {
        SuitePlan plan = plan("standard", ROOMY, "Decode", "-p", "quant=int4", "-f", "1", "-prof", "llm");
        assertEquals(5 * 4, plan.toRun().size(), "Decode only, int4 only");
        assertEquals(List.of("-prof", "llm", "-f", "1"), plan.toRun().get(0).options(), "the profiler once, the user's forks");
        SuitePlan longer = plan("standard", ROOMY, "-e", "Matmul|Load", "-i", "5");
        assertTrue(longer.toRun().stream().noneMatch(c -> c.benchmark().contains("Matmul") || c.benchmark().contains("Load")));
        assertTrue(longer.estimatedSeconds() > plan("standard", ROOMY, "-e", "Matmul|Load").estimatedSeconds(), "more iterations, longer");
    }

    @Test
    void shuffledOrderFollowsTheSeed() {
        Suite s = SuiteFile.preset("standard");
        List<Configuration> given = SuitePlan.of(s, List.of(), RunOrder.AS_GIVEN, 0, CATALOG, ROOMY).toRun();
        List<Configuration> a = SuitePlan.of(s, List.of(), RunOrder.SHUFFLED, 42, CATALOG, ROOMY).toRun();
        List<Configuration> b = SuitePlan.of(s, List.of(), RunOrder.SHUFFLED, 42, CATALOG, ROOMY).toRun();
        List<Configuration> c = SuitePlan.of(s, List.of(), RunOrder.SHUFFLED, 43, CATALOG, ROOMY).toRun();
        assertEquals(a, b, "a seed repeats its order");
        assertNotEquals(a, c);
        assertNotEquals(given, a);
        assertEquals(new HashSet<>(given), new HashSet<>(a), "the same configurations");
        assertTrue(SuitePlan.of(s, List.of(), RunOrder.SHUFFLED, 42, CATALOG, ROOMY).describe(false).get(2).contains("shuffled with seed 42"));
    }

    @Test
    void theEstimateFollowsJmhsSettings() {
        Map<String, String> p = new LinkedHashMap<>(Map.of("model", "tinyllama-1.1b", "quant", "fp32", "batch", "1", "promptLen", "128", "genLen", "32"));
        BenchmarkListEntry decode = CATALOG.all().stream().filter(e -> e.getUsername().endsWith("DecodeBenchmark.decode")).findFirst().orElseThrow();
        double one = WallTime.seconds(decode, options("-f", "1"), p), two = WallTime.seconds(decode, options("-f", "2"), p);
        assertEquals(2 * one, two, 1e-9, "each fork repeats everything");
        double op = 32 * org.llmbench.weights.StoragePlan.weightBytes(org.llmbench.model.ModelRegistry.get("tinyllama-1.1b"), org.llmbench.quant.Quant.FP32)
                / WallTime.DECODE_BYTES_PER_SECOND; // ~7 s: longer than the 2 s and 3 s iterations
        double setup = org.llmbench.model.ModelRegistry.get("tinyllama-1.1b").parameterCount() * WallTime.SETUP_SECONDS_PER_PARAMETER;
        assertEquals(WallTime.FORK_START_SECONDS + setup + (2 + 3) * op, one, 1e-6, "@Warmup(2) and @Measurement(3), each as long as one operation");
        p.put("model", "llama-tiny");
        assertEquals(2 * 2 + 3 * 3, WallTime.seconds(decode, options(), p) - WallTime.FORK_START_SECONDS
                - org.llmbench.model.ModelRegistry.get("llama-tiny").parameterCount() * WallTime.SETUP_SECONDS_PER_PARAMETER, 1e-6, "a tiny model: the iteration times");
        assertEquals("3 min", SuitePlan.duration(170));
        assertEquals("2 h 05 min", SuitePlan.duration(7500));
    }

    private static CommandLineOptions options(String... args) {
        return assertDoesNotThrow(() -> new CommandLineOptions(args));
    }

    @Test
    void badSuitesGetOneSentence() {
        assertBad("Unknown preset 'fast'; valid presets are quick, standard, comprehensive.", () -> SuiteFile.preset("fast"));
        assertBad("suite file x.yaml, run 1: unknown field 'parms'; a run has benchmarks, params, jmh.", () -> parse("runs:\n  - parms: {batch: [1]}\n"));
        assertBad("suite file x.yaml: unknown field 'run'; a suite has name, description and runs.", () -> parse("run: []\n"));
        assertBad("suite file x.yaml: 'runs' must be a list of at least one run", () -> parse("description: nothing\n"));
        assertBad("suite file x.yaml, run 1: param 'batch' cannot be 'all'; only quant and model can.", () -> parse("runs:\n  - params: {batch: all}\n"));
        assertBad("suite file x.yaml, run 1: param 'batch' must be a list of plain values such as [1, 8], not '8'.", () -> parse("runs:\n  - params: {batch: 8}\n"));
        assertBad("suite file x.yaml, run 1: 'endpoints' is reserved for the endpoint benchmark", () -> parse("runs:\n  - endpoints: {local: 'http://127.0.0.1:8000'}\n"));
        assertBad("suite file x.yaml is not valid YAML: ", () -> parse("runs: [\n  - {"));
        assertBad("suite file x.yaml is not valid YAML: ", () -> parse("runs: []\nruns: []\n"));
        assertBad("suite file x.yaml, run 1: benchmark 'Prefil$' matches no benchmark; they are DecodeBenchmark.decode, KernelBenchmark.multiply, LoadBenchmark.load, "
                + "MatmulBenchmark.multiply, PrefillBenchmark.ttft.", () -> expand("runs:\n  - benchmarks: ['Prefil$']\n"));
        assertBad("suite file x.yaml, run 1: param 'batch' belongs to none of its benchmarks (LoadBenchmark.load has backend, model, quant, source).",
                () -> expand("runs:\n  - benchmarks: [Load]\n    params: {batch: [1]}\n"));
        assertBad("suite file x.yaml, run 1: 'jmh' holds options only; put benchmarks under 'benchmarks' and -p values under 'params'.",
                () -> expand("runs:\n  - jmh: [-p, batch=1]\n"));
        assertBad("suite file x.yaml, run 1: JMH does not accept -f x: ", () -> expand("runs:\n  - jmh: [-f, x]\n"));
        assertBad("the extra JMH options: JMH option -rff cannot be used in a suite", () -> plan("quick", ROOMY, "-rff", "out.json"));
    }

    private static Suite parse(String yaml) {
        return SuiteFile.suite("suite file x.yaml", "x", SuiteFile.parse(yaml, "suite file x.yaml"));
    }

    private static SuitePlan expand(String yaml) {
        return SuitePlan.of(parse(yaml), List.of(), RunOrder.AS_GIVEN, 1, CATALOG, ROOMY);
    }

    private static void assertBad(String expected, org.junit.jupiter.api.function.Executable e) {
        LlmbenchException ex = assertThrows(LlmbenchException.class, e);
        assertTrue(ex.getMessage().startsWith(expected), ex.getMessage());
        assertEquals(1, ex.getMessage().lines().count(), ex.getMessage());
    }
}
