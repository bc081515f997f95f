package org.llmbench.weights.resolve;

import org.llmbench.LlmbenchException;
import org.llmbench.model.ModelRegistry;
import org.llmbench.model.ModelSpec;
import org.llmbench.weights.SyntheticWeights;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.gguf.GgufWeights;
import org.llmbench.weights.hf.HfWeights;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Resolves the {@code model} a user names: a registry name, a .gguf file or a Hugging Face folder. */
public final class WeightSources {
    private WeightSources() {
    }

    /** A registry name gives synthetic weights at that model's real shapes; a path gives the file's weights. */
    public static WeightSource open(String model) {
        if (ModelRegistry.contains(model)) return new SyntheticWeights(ModelRegistry.get(model));
        Path p = path(model);
        return Files.isDirectory(p) ? HfWeights.open(p) : GgufWeights.open(p);
    }

    /** The model's spec, reading only headers (GGUF header; config.json and safetensors headers). */
    public static ModelSpec spec(String model) {
        if (ModelRegistry.contains(model)) return ModelRegistry.get(model);
        Path p = path(model);
        return Files.isDirectory(p) ? HfWeights.inspect(p) : GgufWeights.inspect(p);
    }

    /** Checks a model name or file without loading any weights: a bad file fails here with its problem. */
    public static void validate(String model) {
        spec(model);
    }

    private static Path path(String model) {
        Path p;
        try {
            p = Path.of(model);
        } catch (InvalidPathException e) {
            p = null;
        }
        boolean looksLikePath = model.endsWith(".gguf") || model.contains("/") || model.contains("\\");
        if (p != null && looksLikePath && !Files.exists(p)) {
            throw new LlmbenchException("Model file or folder '" + model + "' does not exist; give a .gguf file, a Hugging Face model folder or a registry name (see 'models').");
        }
        if (p == null || !Files.exists(p)) {
            throw new LlmbenchException("Unknown model '" + model + "'; valid models are " + String.join(", ", ModelRegistry.all().keySet())
                    + ", or the path of a .gguf file or a Hugging Face model folder.");
        }
        return p;
    }
}
