package org.llmbench.workload;

import org.llmbench.engine.Engine;
import org.llmbench.engine.Session;
import org.llmbench.engine.jvm.Matrices;
import org.llmbench.engine.jvm.Matrix;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.QualityMetrics;
import org.llmbench.quant.Quant;
import org.llmbench.weights.StoragePlan;
import org.llmbench.weights.TensorData;
import org.llmbench.weights.WeightSource;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Measures a quant against fp32 on the same weights: the JVM engine runs a fixed token sequence
 * once in fp32 and once in the quant (one engine in memory at a time), keeping every position's logits.
 */
public final class QualityEvaluation {
    /** Positions compared: enough for stable means, short enough for a test. */
    public static final int DEFAULT_POSITIONS = 32;

    private final Supplier<WeightSource> weights;
    private final int positions, threads;
    private float[] reference; // fp32 logits, positions x vocab, computed once

    public QualityEvaluation(Supplier<WeightSource> weights, int positions, int threads) {
        if (positions < 1) throw new org.llmbench.LlmbenchException("Positions " + positions + " is invalid; compare at least 1.");
        this.weights = weights;
        this.positions = positions;
        this.threads = threads;
    }

    public QualityReport evaluate(Quant quant) {
        try (WeightSource source = weights.get()) {
            ModelSpec spec = source.spec();
            int n = Math.min(positions, spec.maxSeq());
            if (reference == null) reference = logits(source, Quant.FP32, n);
            float[] candidate = logits(source, quant, n);
            int vocab = spec.vocab();
            double cos = 0, kl = 0;
            int agree = 0;
            for (int p = 0; p < n; p++) {
                cos += QualityMetrics.cosine(reference, p * vocab, candidate, p * vocab, vocab);
                kl += QualityMetrics.klDivergence(reference, p * vocab, candidate, p * vocab, vocab);
                if (QualityMetrics.argmax(reference, p * vocab, vocab) == QualityMetrics.argmax(candidate, p * vocab, vocab)) agree++;
            }
            double sse = 0, worst = -1;
            long count = 0;
            String worstName = "";
            for (TensorSpec t : spec.tensors()) {
                if (!t.matrix() || StoragePlan.quantFor(t, quant) != quant) continue; // only what the quant stores
                TensorData data = source.tensor(t.name());
                float[] w = data.toFloats();
                Matrix m = Matrices.of(data, quant);
                float[] row = new float[t.cols()];
                double tensorSse = 0;
                for (int r = 0; r < t.rows(); r++) {
                    m.row(r, row, 0);
                    tensorSse += QualityMetrics.squaredError(w, r * t.cols(), row, 0, t.cols());
                }
                double rmse = Math.sqrt(tensorSse / t.elements());
                if (rmse > worst) {
                    worst = rmse;
                    worstName = t.name();
                }
                sse += tensorSse;
                count += t.elements();
            }
            return new QualityReport(spec.name(), quant.id(), count == 0 ? 0 : Math.sqrt(sse / count), worstName, worst,
                    cos / n, kl / n, (double) agree / n, n, source.origin());
        }
    }

    /** Logits at every position of the fixed sequence: prefill of the first token, then one decode per token. */
    private float[] logits(WeightSource source, Quant quant, int n) {
        int vocab = source.spec().vocab();
        int[] tokens = sequence(n, vocab);
        float[] all = new float[n * vocab];
        try (Engine engine = Backend.JVM.load(source, quant, threads); Session s = engine.newSession(1, n)) {
            System.arraycopy(s.prefill(new int[][]{{tokens[0]}}), 0, all, 0, vocab);
            for (int p = 1; p < n; p++) System.arraycopy(s.decode(new int[]{tokens[p]}), 0, all, p * vocab, vocab);
        }
        return all;
    }

    /** The fixed token sequence: deterministic ids spread over the vocabulary. */
    static int[] sequence(int n, int vocab) {
        SplittableRandom r = new SplittableRandom(2024);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = r.nextInt(vocab);
        return t;
    }
}
