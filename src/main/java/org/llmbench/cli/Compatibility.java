package org.llmbench.cli;

import org.llmbench.gemm.GemmDtype;
import org.llmbench.quant.Quant;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What can run together, in one place: for each backend, the quants the engine benchmarks
 * (Prefill, Decode, Load) run on it, and the dtypes MatmulBenchmark runs on it. A new engine
 * backend is one line in {@link #ENGINE} (issue 23 adds torch); anything not listed is refused
 * before any benchmark JVM starts.
 */
final class Compatibility {
    /** Engine backend -> the quants it runs. */
    static final Map<String, Set<Quant>> ENGINE = new TreeMap<>(Map.of(
            "jvm", EnumSet.allOf(Quant.class)));

    /** Matmul backend -> the input dtypes it multiplies (DJL's PyTorch aborts the JVM on bf16). */
    static final Map<String, Set<GemmDtype>> MATMUL = new TreeMap<>(Map.of(
            "jvm", EnumSet.allOf(GemmDtype.class),
            "torch", EnumSet.of(GemmDtype.FP32, GemmDtype.FP16, GemmDtype.INT8),
            "cublas", EnumSet.allOf(GemmDtype.class)));

    private Compatibility() {
    }
}
