package org.llmbench.model;

import org.llmbench.LlmbenchException;

import java.util.LinkedHashMap;
import java.util.Map;

/** The models llmbench knows by name: real published shapes, plus tiny shapes for tests and quick runs. */
public final class ModelRegistry {
    private static final Map<String, ModelSpec> MODELS = new LinkedHashMap<>();

    static {
        // name, arch, dim, layers, heads, kvHeads, ffn, vocab, context, ropeTheta, normEps, tied
        add(new ModelSpec("llama-tiny", Arch.LLAMA, 288, 6, 6, 6, 768, 32000, 256, 10000f, 1e-5f, false));
        add(new ModelSpec("gpt2-tiny", Arch.GPT2, 128, 4, 4, 4, 512, 50257, 512, 0f, 1e-5f, true));
        add(new ModelSpec("falcon-tiny", Arch.FALCON, 256, 4, 8, 1, 1024, 65024, 512, 10000f, 1e-5f, true));
        add(new ModelSpec("gpt2", Arch.GPT2, 768, 12, 12, 12, 3072, 50257, 1024, 0f, 1e-5f, true));
        add(new ModelSpec("gpt2-medium", Arch.GPT2, 1024, 24, 16, 16, 4096, 50257, 1024, 0f, 1e-5f, true));
        add(new ModelSpec("gpt2-large", Arch.GPT2, 1280, 36, 20, 20, 5120, 50257, 1024, 0f, 1e-5f, true));
        add(new ModelSpec("gpt2-xl", Arch.GPT2, 1600, 48, 25, 25, 6400, 50257, 1024, 0f, 1e-5f, true));
        add(new ModelSpec("tinyllama-1.1b", Arch.LLAMA, 2048, 22, 32, 4, 5632, 32000, 2048, 10000f, 1e-5f, false));
        add(new ModelSpec("llama-2-7b", Arch.LLAMA, 4096, 32, 32, 32, 11008, 32000, 4096, 10000f, 1e-5f, false));
        add(new ModelSpec("llama-2-13b", Arch.LLAMA, 5120, 40, 40, 40, 13824, 32000, 4096, 10000f, 1e-5f, false));
        add(new ModelSpec("codellama-7b", Arch.LLAMA, 4096, 32, 32, 32, 11008, 32016, 16384, 1000000f, 1e-5f, false));
        add(new ModelSpec("codellama-34b", Arch.LLAMA, 8192, 48, 64, 8, 22016, 32000, 16384, 1000000f, 1e-5f, false));
        add(new ModelSpec("mistral-7b", Arch.LLAMA, 4096, 32, 32, 8, 14336, 32000, 32768, 10000f, 1e-5f, false));
        add(new ModelSpec("falcon-7b", Arch.FALCON, 4544, 32, 71, 1, 18176, 65024, 2048, 10000f, 1e-5f, true));
    }

    private ModelRegistry() {
    }

    private static void add(ModelSpec spec) {
        MODELS.put(spec.name(), spec);
    }

    public static Map<String, ModelSpec> all() {
        return MODELS;
    }

    public static boolean contains(String name) {
        return MODELS.containsKey(name);
    }

    public static ModelSpec get(String name) {
        ModelSpec spec = MODELS.get(name);
        if (spec == null) {
            throw new LlmbenchException("Unknown model '" + name + "'; valid models are " + String.join(", ", MODELS.keySet()) + ".");
        }
        return spec;
    }
}
