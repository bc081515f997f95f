package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.gemm.GemmDtype;
import org.llmbench.quant.Quant;
import org.llmbench.workload.Backend;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What can run together, as the pre-fork checks see it: for each engine backend the quants the
 * engine benchmarks (Prefill, Decode, Load) run on it — read from {@link Backend} itself (its enum
 * constants and {@link Backend#requireSupported}), so a new engine backend needs no line here — and
 * the dtypes MatmulBenchmark runs on each matmul backend. Anything not listed is refused before
 * any benchmark JVM starts.
 */
final class Compatibility {
    /** Engine backend -> the quants it runs. */
    static final Map<String, Set<Quant>> ENGINE = engine();

    /** Matmul backend -> the input dtypes it multiplies (DJL's PyTorch aborts the JVM on bf16). */
    static final Map<String, Set<GemmDtype>> MATMUL = new TreeMap<>(Map.of(
            "jvm", EnumSet.allOf(GemmDtype.class),
            "torch", EnumSet.of(GemmDtype.FP32, GemmDtype.FP16, GemmDtype.INT8),
            "cublas", EnumSet.allOf(GemmDtype.class)));

    private Compatibility() {
    }

    private static Map<String, Set<Quant>> engine() {
        Map<String, Set<Quant>> m = new TreeMap<>();
        for (Backend b : Backend.values()) {
            Set<Quant> quants = EnumSet.noneOf(Quant.class);
            for (Quant q : Quant.values()) {
                try {
                    b.requireSupported(q);
                    quants.add(q);
                } catch (LlmbenchException refused) {
                    // not a pair this backend runs
                }
            }
            m.put(b.id(), quants);
        }
        return m;
    }
}
