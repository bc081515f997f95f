package org.llmbench.suite;

import org.llmbench.runtime.MemoryBudget;
import org.llmbench.engine.jvm.JvmEngine;
import org.llmbench.gemm.GemmDtype;
import org.llmbench.gemm.GemmShape;
import org.llmbench.model.ModelRegistry;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;

import java.util.Map;

/**
 * Whether a configuration can run here, decided before starting: the memory its fork would need
 * (the same byte counts the engine and the benchmarks check with MemoryBudget before allocating)
 * against the fork's heap, and a GPU for the cublas backend. Models given as files are not sized.
 */
final class Feasibility {
    private Feasibility() {
    }

    /** Null when the configuration can run, else the reason it is skipped (one sentence). */
    static String skipReason(Map<String, String> p, long heapBytes, HostLimits host) {
        if ("cublas".equals(p.get("backend")) && host.gpuMissing() != null) return "no GPU; " + host.gpuMissing();
        try {
            if (p.containsKey("model") && p.containsKey("quant") && ModelRegistry.contains(p.get("model"))) {
                return engine(p, heapBytes);
            }
            if (p.containsKey("dtype") && p.containsKey("n")) { // MatmulBenchmark: A, B and C, checked as the benchmark checks them
                GemmShape shape = GemmShape.of(integer(p, "n"), integer(p, "m", 0), integer(p, "k", 0));
                GemmDtype type = GemmDtype.parse(p.get("dtype"));
                return fit(2 * shape.bytes(type), heapBytes, "Matmul " + shape + " " + type);
            }
            if (p.containsKey("quant") && p.containsKey("n") && p.containsKey("k")) { // KernelBenchmark: floats in, quantized matrix
                int n = integer(p, "n"), k = integer(p, "k") == 0 ? n : integer(p, "k");
                long bytes = 4L * n * k + Quant.parse(p.get("quant")).bytes(n, k);
                return fit(bytes, heapBytes, "Kernel " + n + "x" + k + " at " + p.get("quant"));
            }
        } catch (RuntimeException badValue) {
            return null; // the parameter check names bad values before anything runs
        }
        return null;
    }

    private static String engine(Map<String, String> p, long heapBytes) {
        ModelSpec spec = ModelRegistry.get(p.get("model"));
        Quant quant = org.llmbench.weights.QuantChoice.forSynthetic(p.get("quant")); // registry models: auto is fp32
        long bytes = JvmEngine.loadBytes(spec, quant);
        String what = "Model " + spec.name() + " at " + quant;
        if (p.containsKey("batch") && p.containsKey("promptLen") && p.containsKey("genLen")) {
            int batch = integer(p, "batch"), length = integer(p, "promptLen") + integer(p, "genLen");
            if (length > spec.maxSeq()) {
                return "promptLen + genLen = " + length + " tokens exceed the " + spec.maxSeq() + "-token context of " + spec.name() + ".";
            }
            bytes += JvmEngine.sessionBytes(spec, batch, length);
            what += " with a session of batch " + batch + " x " + length + " tokens";
        }
        return fit(bytes, heapBytes, what);
    }

    private static String fit(long bytes, long heapBytes, String what) {
        String shortfall = MemoryBudget.shortfall(bytes, heapBytes, what);
        return shortfall == null ? null : shortfall + " to a forked JVM's heap.";
    }

    private static int integer(Map<String, String> p, String key) {
        return Integer.parseInt(p.get(key).trim());
    }

    private static int integer(Map<String, String> p, String key, int absent) {
        return p.containsKey(key) ? integer(p, key) : absent;
    }
}
