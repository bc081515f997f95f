package org.llmbench.weights;

import org.llmbench.engine.Engine;
import org.llmbench.engine.Session;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.workload.Backend;

import java.util.List;

/** Small models of each architecture (rows a multiple of 32, so every GGUF type can hold them) and a logits probe. */
public final class TinyModels {
    public static final ModelSpec LLAMA = new ModelSpec("t-llama", Arch.LLAMA, 64, 2, 4, 2, 96, 100, 32, 10000f, 1e-5f, false);
    public static final ModelSpec GPT2 = new ModelSpec("t-gpt2", Arch.GPT2, 64, 2, 4, 4, 128, 100, 32, 0f, 1e-5f, true);
    public static final ModelSpec FALCON = new ModelSpec("t-falcon", Arch.FALCON, 64, 2, 4, 1, 128, 100, 32, 10000f, 1e-5f, true);
    public static final List<ModelSpec> ALL = List.of(LLAMA, GPT2, FALCON);

    private TinyModels() {
    }

    /** Logits after a short prompt and two decode steps, concatenated. */
    public static float[] logits(WeightSource source, Quant quant) {
        try (Engine engine = Backend.JVM.load(source, quant, 1); Session s = engine.newSession(1, 8)) {
            int v = source.spec().vocab();
            float[] out = new float[3 * v];
            System.arraycopy(s.prefill(new int[][]{{1, 7, 42, 3}}), 0, out, 0, v);
            System.arraycopy(s.decode(new int[]{5}), 0, out, v, v);
            System.arraycopy(s.decode(new int[]{99}), 0, out, 2 * v, v);
            return out;
        }
    }
}
