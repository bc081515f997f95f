package org.llmbench.model;

import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;
import org.llmbench.quant.Quant;
import org.llmbench.weights.StoragePlan;

import static org.junit.jupiter.api.Assertions.*;

class ModelRegistryTest {
    @Test
    void realShapesGiveThePublishedParameterCounts() {
        assertEquals(6_738_415_616L, ModelRegistry.get("llama-2-7b").parameterCount());
        assertEquals(124_439_808L, ModelRegistry.get("gpt2").parameterCount());
        assertEquals(1_100_048_384L, ModelRegistry.get("tinyllama-1.1b").parameterCount());
        assertEquals(7_241_732_096L, ModelRegistry.get("mistral-7b").parameterCount());
    }

    @Test
    void weightBytesPerQuantMatchTheFormats() {
        ModelSpec llama = ModelRegistry.get("llama-2-7b");
        assertEquals(2 * llama.parameterCount() + 2 * 65 * 4096L, StoragePlan.weightBytes(llama, Quant.FP16));
        assertEquals(3.79e9, StoragePlan.weightBytes(llama, Quant.INT4), 0.01e9);
        assertEquals(13.48e9, StoragePlan.weightBytes(llama, Quant.FP16), 0.01e9);
    }

    @Test
    void unknownModelNamesTheValidOnes() {
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> ModelRegistry.get("llama-3"));
        assertTrue(e.getMessage().contains("'llama-3'") && e.getMessage().contains("tinyllama-1.1b"), e.getMessage());
    }
}
