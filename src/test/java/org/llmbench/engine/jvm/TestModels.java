package org.llmbench.engine.jvm;

import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;

/** Small models with awkward sizes (odd vocab, head dims and FFN widths) so every tail path runs. */
final class TestModels {
    static final ModelSpec LLAMA = new ModelSpec("test-llama", Arch.LLAMA, 64, 2, 4, 2, 96, 101, 300, 10000f, 1e-5f, false);
    static final ModelSpec GPT2 = new ModelSpec("test-gpt2", Arch.GPT2, 48, 2, 3, 3, 100, 77, 300, 0f, 1e-5f, true);
    static final ModelSpec FALCON = new ModelSpec("test-falcon", Arch.FALCON, 80, 2, 4, 1, 130, 91, 300, 10000f, 1e-5f, true);

    static ModelSpec[] all() {
        return new ModelSpec[]{LLAMA, GPT2, FALCON};
    }

    private TestModels() {
    }
}
