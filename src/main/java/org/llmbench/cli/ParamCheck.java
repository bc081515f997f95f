package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.gemm.GemmBackends;
import org.llmbench.gemm.GemmDtype;
import org.llmbench.quant.Quant;
import org.llmbench.weights.QuantChoice;
import org.llmbench.weights.resolve.WeightSources;
import org.llmbench.workload.Backend;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks JMH {@code -p name=v1,v2} values before any fork starts: JMH itself accepts any
 * string and, with its default -foe false, would exit 0 after every configuration failed.
 */
final class ParamCheck {
    private static final Map<String, Consumer<String>> CHECKS = Map.ofEntries(
            Map.entry("model", WeightSources::validate),
            Map.entry("quant", QuantChoice::validate),
            Map.entry("backend", ParamCheck::backend),
            Map.entry("dtype", GemmDtype::parse),
            Map.entry("n", v -> atLeast("n", v, 1)),
            Map.entry("m", v -> atLeast("m", v, 0)),
            Map.entry("k", v -> atLeast("k", v, 0)),
            Map.entry("batch", v -> atLeast("batch", v, 1)),
            Map.entry("promptLen", v -> atLeast("promptLen", v, 1)),
            Map.entry("genLen", v -> atLeast("genLen", v, 1)),
            Map.entry("source", ParamCheck::weightSource));

    private ParamCheck() {
    }

    /** Throws an LlmbenchException naming the first bad value; returns the -p names given. */
    static List<String> check(List<String> args) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-p") && i + 1 < args.size()) {
                names.add(checkOne(args.get(++i)));
            }
        }
        backendQuantPairs(args); // issue 23
        return names;
    }

    // ---- issue 23: (backend, quant) pairs. JMH runs the cross product of -p values, so every engine
    // backend named must run every quant named; kept to this one method so a data-driven check can absorb it.
    private static void backendQuantPairs(List<String> args) {
        List<String> backends = new java.util.ArrayList<>(), quants = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (!args.get(i).equals("-p")) continue;
            String a = args.get(i + 1);
            if (a.startsWith("backend=")) backends.addAll(List.of(a.substring(8).split(",")));
            if (a.startsWith("quant=")) quants.addAll(List.of(a.substring(6).split(",")));
        }
        for (String b : backends) {
            Backend backend;
            try {
                backend = Backend.parse(b);
            } catch (LlmbenchException gemmOnly) {
                continue; // e.g. cublas: MatmulBenchmark takes a dtype, not a quant
            }
            for (String q : quants) {
                if (QuantChoice.isAuto(q)) continue; // resolved per model in RunPlan
                try {
                    backend.requireSupported(Quant.parse(q));
                } catch (LlmbenchException e) {
                    throw new LlmbenchException(e.getMessage() + " Valid (backend, quant) pairs: " + Backend.supportedPairs() + ".");
                }
            }
        }
    }
    // ---- end issue 23

    private static String checkOne(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new LlmbenchException("-p '" + assignment + "' is malformed; write -p name=value[,value...].");
        }
        String name = assignment.substring(0, eq);
        Consumer<String> check = CHECKS.get(name);
        if (check == null) return name; // not one of ours: RunPlan checks that some selected benchmark has it
        for (String value : assignment.substring(eq + 1).split(",", -1)) {
            check.accept(value.trim());
        }
        return name;
    }

    /** "backend" is a param of the engine benchmarks and of MatmulBenchmark: accept either's names; each benchmark refuses what it cannot run. */
    private static void backend(String value) {
        try {
            Backend.parse(value);
        } catch (LlmbenchException engineOnly) {
            try {
                GemmBackends.validate(value);
            } catch (LlmbenchException e) {
                throw new LlmbenchException("Unknown backend '" + value + "'; valid backends are " + Backend.validNames()
                        + " (engine benchmarks) and " + String.join(", ", GemmBackends.NAMES) + " (MatmulBenchmark).");
            }
        }
    }

    private static void weightSource(String v) {
        if (!v.equals("synthetic") && !v.equals("gguf")) {
            throw new LlmbenchException("source '" + v + "' is invalid; LoadBenchmark's source is synthetic or gguf.");
        }
    }

    private static void atLeast(String name, String value, int min) {
        try {
            if (Integer.parseInt(value) >= min) return;
        } catch (NumberFormatException ignored) {
            // falls through to the one message below
        }
        throw new LlmbenchException(name + " '" + value + "' is invalid; " + name + " must be a whole number of at least " + min + ".");
    }
}
