package org.llmbench.engine.jvm;

import org.junit.jupiter.api.Test;
import org.llmbench.model.ModelRegistry;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.StoragePlan;
import org.llmbench.weights.SyntheticWeights;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecodeBytesTest {
    @Test
    void aDecodeStepReadsEveryMatrixButOnlyTheLookedUpEmbeddingRows() {
        ModelSpec spec = ModelRegistry.get("llama-tiny");
        try (JvmEngine e = JvmEngine.load(new SyntheticWeights(spec), Quant.INT4, 1)) {
            assertEquals(StoragePlan.weightBytes(spec, Quant.INT4), e.weightBytes());
            long embd = Quant.INT4.bytes(spec.vocab(), spec.dim()), row = Quant.INT4.bytes(1, spec.dim());
            assertEquals(e.weightBytes() - embd + row, e.weightBytesPerDecodeStep(1));
            assertEquals(e.weightBytes() - embd + 8 * row, e.weightBytesPerDecodeStep(8));
        }
    }
}
