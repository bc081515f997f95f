package org.llmbench.weights;

import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;
import org.llmbench.model.ModelRegistry;
import org.llmbench.quant.Quant;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class QuantChoiceTest {
    @Test
    void autoOrAQuantNameElseOneSentenceListingBoth() {
        QuantChoice.validate("auto");
        QuantChoice.validate(" AUTO ");
        QuantChoice.validate("int4");
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> QuantChoice.validate("int3"));
        assertEquals("Unknown quant 'int3'; valid quants are auto (the weights as stored), fp32, fp16, bf16, int8, int4, nf4, dynamic.", e.getMessage());
    }

    @Test
    void syntheticWeightsAreFp32AndANamedQuantIsKept() {
        WeightSource synthetic = new SyntheticWeights(ModelRegistry.get("llama-tiny"));
        assertEquals(Quant.FP32, QuantChoice.resolve("auto", synthetic));
        assertEquals(Quant.INT8, QuantChoice.resolve("int8", synthetic));
        assertEquals("fp32 (auto: synthetic weights are fp32; every weight runs as stored)", QuantChoice.describe("auto", synthetic));
        assertEquals("int8", QuantChoice.describe("int8", synthetic));
    }

    @Test
    void theTypeHoldingMostValuesWinsAndKQuantsKeepTheirPrecision() {
        Map<TensorType, Long> elements = new EnumMap<>(TensorType.class);
        assertEquals(Quant.FP32, QuantChoice.dominantOf(elements), "no matrices");
        elements.put(TensorType.Q8_0, 100L);
        elements.put(TensorType.Q6_K, 10L);
        assertEquals(Quant.INT8, QuantChoice.dominantOf(elements));
        elements.put(TensorType.F16, 300L);
        assertEquals(Quant.FP16, QuantChoice.dominantOf(elements));
        elements.put(TensorType.Q4_K, 900L);
        assertEquals(Quant.INT4, QuantChoice.dominantOf(elements), "Q4_K has no kernel: int4");
        elements.put(TensorType.Q5_K, 1000L);
        assertEquals(Quant.INT8, QuantChoice.dominantOf(elements), "Q5_K: int8 keeps its precision");
    }
}
