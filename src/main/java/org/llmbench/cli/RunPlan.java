package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.gemm.GemmDtype;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.results.BenchmarkKind;
import org.llmbench.weights.QuantChoice;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.resolve.WeightSources;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The configurations a run will fork, worked out in the launching JVM the way JMH will (the same
 * benchmark list, include/exclude patterns and -p values over each benchmark's defaults), so that
 * what is known not to run fails before any fork, with one sentence and exit code 2: a -p name no
 * selected benchmark has (JMH ignores it), a prompt longer than the model's context, a backend or
 * quant the benchmark cannot run ({@link Compatibility}).
 */
final class RunPlan {
    /** One configuration: a benchmark method and the value of each of its parameters. */
    record Configuration(String benchmark, Map<String, String> params) {
        BenchmarkKind kind() {
            return BenchmarkKind.of(benchmark);
        }

        String name() {
            String[] p = benchmark.split("\\.");
            return p.length >= 2 ? p[p.length - 2] : benchmark;
        }
    }

    final List<Configuration> configurations = new ArrayList<>();

    private RunPlan() {
    }

    /**
     * The run's configurations; an LlmbenchException for an unknown -p name.
     *
     * @param paramNames the names the arguments give with -p (JMH's Options cannot list them)
     */
    static RunPlan of(Options options, Collection<String> paramNames) {
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        SortedSet<BenchmarkListEntry> selected = BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(silent, VerboseMode.SILENT), options.getIncludes(), options.getExcludes());
        RunPlan plan = new RunPlan();
        Set<String> known = new TreeSet<>();
        selected.forEach(e -> known.addAll(e.getParams().orElse(Map.of()).keySet()));
        for (String name : paramNames) {
            if (!known.contains(name)) throw unknownParam(name, known, selected.isEmpty());
        }
        for (BenchmarkListEntry e : selected) {
            List<Map<String, String>> combos = new ArrayList<>(List.of(new LinkedHashMap<>()));
            for (Map.Entry<String, String[]> p : new java.util.TreeMap<>(e.getParams().orElse(Map.of())).entrySet()) {
                Collection<String> values = options.getParameter(p.getKey()).orElse(List.of(p.getValue()));
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> c : combos) {
                    for (String v : values) {
                        Map<String, String> m = new LinkedHashMap<>(c);
                        m.put(p.getKey(), v);
                        next.add(m);
                    }
                }
                combos = next;
            }
            combos.forEach(c -> plan.configurations.add(new Configuration(e.getUsername(), c)));
        }
        return plan;
    }

    /** Fails on the first configuration known not to run here, naming it and what would run. */
    void check() {
        Map<String, ModelSpec> specs = new HashMap<>();
        for (Configuration c : configurations) {
            switch (c.kind()) {
                case PREFILL, DECODE, LOAD -> engine(c, specs);
                case MATMUL -> matmul(c);
                case KERNEL -> kernel(c);
                default -> {
                }
            }
        }
    }

    private static void engine(Configuration c, Map<String, ModelSpec> specs) {
        String backend = c.params().getOrDefault("backend", "jvm").trim().toLowerCase(java.util.Locale.ROOT);
        if (!Compatibility.ENGINE.containsKey(backend)) {
            String hint = Compatibility.MATMUL.containsKey(backend) ? " (" + backend + " is a MatmulBenchmark backend: select it with 'Matmul -p backend=" + backend + "')" : "";
            throw new LlmbenchException("backend '" + backend + "' cannot run " + c.name() + ": the engine benchmarks run on "
                    + String.join(", ", Compatibility.ENGINE.keySet()) + hint + ".");
        }
        String quantName = c.params().get("quant");
        String model = c.params().get("model");
        if (quantName != null) {
            Quant q = QuantChoice.isAuto(quantName) && model != null ? autoQuant(model) : Quant.parse(quantName);
            if (!Compatibility.ENGINE.get(backend).contains(q)) {
                String what = QuantChoice.isAuto(quantName) ? "quant auto (" + q.id() + ", as " + model + " stores its weights)" : "quant '" + q.id() + "'";
                throw new LlmbenchException(what + " cannot run on the " + backend + " engine (" + c.name() + "); it runs "
                        + String.join(", ", Compatibility.ENGINE.get(backend).stream().map(Quant::id).toList()) + ".");
            }
        }
        if (model == null || c.kind() == BenchmarkKind.LOAD) return;
        ModelSpec spec = specs.computeIfAbsent(model, WeightSources::spec);
        int prompt = intParam(c, "promptLen"), gen = intParam(c, "genLen");
        if (prompt > 0 && gen > 0 && (long) prompt + gen > spec.maxSeq()) {
            throw new LlmbenchException("promptLen " + prompt + " + genLen " + gen + " = " + (prompt + gen) + " exceeds the "
                    + spec.maxSeq() + "-token context of " + spec.name() + " (" + c.name() + "); keep promptLen + genLen at most "
                    + spec.maxSeq() + " or choose a model with a longer context (see 'models').");
        }
    }

    /** The quant auto runs for a model: its weights as stored (fp32 for registry models). */
    private static Quant autoQuant(String model) {
        try (WeightSource source = WeightSources.open(model)) {
            return source.storedQuant();
        }
    }

    /** KernelBenchmark has no model whose storage auto could follow. */
    private static void kernel(Configuration c) {
        if (QuantChoice.isAuto(c.params().get("quant"))) {
            throw new LlmbenchException("quant 'auto' needs a model (the weights as stored); KernelBenchmark takes one of " + Quant.validNames() + ".");
        }
    }

    private static void matmul(Configuration c) {
        String backend = c.params().getOrDefault("backend", "jvm").trim().toLowerCase(java.util.Locale.ROOT);
        if (!Compatibility.MATMUL.containsKey(backend)) {
            throw new LlmbenchException("backend '" + backend + "' cannot run MatmulBenchmark; its backends are "
                    + String.join(", ", Compatibility.MATMUL.keySet()) + ".");
        }
        String dtype = c.params().get("dtype");
        if (dtype == null) return;
        GemmDtype d = GemmDtype.parse(dtype);
        if (!Compatibility.MATMUL.get(backend).contains(d)) {
            throw new LlmbenchException("dtype '" + d.id() + "' cannot run on the " + backend + " matmul backend; it multiplies "
                    + String.join(", ", Compatibility.MATMUL.get(backend).stream().map(GemmDtype::id).toList())
                    + (backend.equals("torch") && d == GemmDtype.BF16 ? " (DJL's PyTorch engine aborts the JVM on bf16)" : "") + ".");
        }
    }

    private static int intParam(Configuration c, String name) {
        try {
            return Integer.parseInt(c.params().getOrDefault(name, "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static LlmbenchException unknownParam(String name, Set<String> known, boolean nothingSelected) {
        if (nothingSelected) return new LlmbenchException("-p " + name + ": no benchmark matches this run's name patterns (list them with -l).");
        String elsewhere = "";
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(OutputFormatFactory.createFormatInstance(
                new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT), List.of())) {
            if (e.getParams().orElse(Map.of()).containsKey(name)) {
                elsewhere = " (" + name + " is a parameter of " + new Configuration(e.getUsername(), Map.of()).name() + ", which this run does not select)";
                break;
            }
        }
        return new LlmbenchException("-p " + name + " names no parameter of the selected benchmarks" + elsewhere
                + "; their parameters are " + String.join(", ", known) + ".");
    }
}
