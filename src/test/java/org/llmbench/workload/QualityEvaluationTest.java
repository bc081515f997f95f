package org.llmbench.workload;

import org.llmbench.model.ModelRegistry;
import org.llmbench.quant.QualityMetrics;
import org.llmbench.quant.Quant;
import org.llmbench.weights.SyntheticWeights;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** End to end: the JVM engine at every quant on llama-tiny stays close to fp32. */
class QualityEvaluationTest {
    @Test
    void everyQuantGivesFiniteLogitsCloseToFp32() {
        QualityEvaluation eval = new QualityEvaluation(() -> new SyntheticWeights(ModelRegistry.get("llama-tiny")), 6, 2);
        QualityReport same = eval.evaluate(Quant.FP32);
        assertEquals(1.0, same.logitsCosine(), 1e-9);
        assertEquals(0.0, same.klDivergence(), 1e-9);
        assertEquals(1.0, same.top1Agreement());
        assertEquals(0.0, same.weightRmse());
        for (Quant q : new Quant[]{Quant.FP16, Quant.BF16, Quant.INT8, Quant.DYNAMIC, Quant.INT4, Quant.NF4}) {
            QualityReport r = eval.evaluate(q);
            boolean fourBit = q == Quant.INT4 || q == Quant.NF4;
            assertTrue(r.logitsCosine() > (fourBit ? 0.95 : 0.99), q + " cosine " + r.logitsCosine());
            assertTrue(r.logitsCosine() < 1 || q == Quant.FP16, q + " cannot be exactly fp32");
            assertTrue(Double.isFinite(r.klDivergence()) && r.klDivergence() < (fourBit ? 0.1 : 0.01), q + " KL " + r.klDivergence());
            assertTrue(r.weightRmse() > 0 && r.weightRmse() < (fourBit ? 0.05 : 0.005), q + " weight RMSE " + r.weightRmse());
        }
    }

    @Test
    void metricsOnKnownInputs() {
        float[] a = {1, 2, 3}, b = {2, 4, 6}, c = {-1, -2, -3};
        assertEquals(1.0, QualityMetrics.cosine(a, 0, b, 0, 3), 1e-12);
        assertEquals(-1.0, QualityMetrics.cosine(a, 0, c, 0, 3), 1e-12);
        assertEquals(0.0, QualityMetrics.klDivergence(a, 0, a, 0, 3), 1e-12);
        // KL of softmax([0, 0]) = (1/2, 1/2) against softmax([ln 3, 0]) = (3/4, 1/4): 0.5 ln(2/3) + 0.5 ln(2)
        float[] p = {0, 0}, q = {(float) Math.log(3), 0};
        assertEquals(0.5 * Math.log(2.0 / 3) + 0.5 * Math.log(2), QualityMetrics.klDivergence(p, 0, q, 0, 2), 1e-7);
        assertEquals(2, QualityMetrics.argmax(a, 0, 3));
    }
}
