package org.llmbench.weights;

import org.llmbench.model.ModelRegistry;

/** Resolves the {@code model} a user names into a weight source. */
public final class WeightSources {
    private WeightSources() {
    }

    /** A registry name gives synthetic weights at that model's real shapes. */
    public static WeightSource open(String model) {
        return new SyntheticWeights(ModelRegistry.get(model));
    }

    /** Checks a model name without loading anything. */
    public static void validate(String model) {
        ModelRegistry.get(model);
    }
}
