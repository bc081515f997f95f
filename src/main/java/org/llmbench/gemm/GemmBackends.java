package org.llmbench.gemm;

import org.llmbench.LlmbenchException;

import java.util.List;
import java.util.Locale;

/** The GEMM backends by name, and which of them can run on this machine (for sysinfo). */
public final class GemmBackends {
    public static final List<String> NAMES = List.of("jvm", "torch", "cublas");

    private GemmBackends() {
    }

    /** A ready backend, or an LlmbenchException with one line saying why it cannot run here. */
    public static GemmBackend open(String name, GemmDtype dtype, int threads) {
        return switch (validate(name)) {
            case "jvm" -> new JvmGemmBackend(threads);
            case "torch" -> new TorchGemmBackend(dtype);
            case "cublas" -> new CublasGemmBackend(dtype);
            default -> throw new AssertionError(name);
        };
    }

    /** The normalised name, or an LlmbenchException listing the valid ones. */
    public static String validate(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(n)) {
            throw new LlmbenchException("Unknown gemm backend '" + name + "'; valid gemm backends are " + String.join(", ", NAMES) + ".");
        }
        return n;
    }

    /** One line per backend: "available (...)" or "not available: why". Loads libtorch and probes CUDA. */
    public static List<String> availability() {
        return List.of(
                "jvm     available (Vector API, fp32 accumulation; fp32 fp16 bf16 int8)",
                probe("torch", () -> {
                    var engine = TorchGemmBackend.engine();
                    String device = engine.getGpuCount() > 0 ? "gpu, " + engine.getGpuCount() + " device(s)" : "cpu";
                    return "PyTorch " + engine.getVersion() + " through DJL on " + device + "; fp32 fp16 int8, bf16 refused";
                }),
                probe("cublas", () -> CublasGemmBackend.requireDevice() + " CUDA device(s); fp32 fp16 bf16 int8"));
    }

    /** The sysinfo section: a heading, then one line per backend. */
    public static void printAvailability(java.io.PrintStream out) {
        out.println("GEMM backends (MatmulBenchmark):");
        for (String line : availability()) out.println("  " + line);
    }

    private interface Probe {
        String run();
    }

    private static String probe(String name, Probe probe) {
        String pad = String.format(Locale.ROOT, "%-8s", name);
        try {
            return pad + "available (" + probe.run() + ")";
        } catch (LlmbenchException e) {
            String m = e.getMessage();
            String why = m.startsWith(name + ": ") ? m.substring(name.length() + 2) : m;
            return pad + "not available: " + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why);
        }
    }
}
