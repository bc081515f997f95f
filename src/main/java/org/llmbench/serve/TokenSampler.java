package org.llmbench.serve;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One request's sampler, with its own seeded random stream, so its tokens do not depend on which
 * other requests share the batch. Temperature 0 is greedy: the first highest logit, as the
 * engine's Sampler (and so {@code generate}) picks it. Otherwise softmax at the temperature,
 * restricted to the nucleus (the most probable tokens whose probabilities reach top_p).
 */
final class TokenSampler {
    private final float temperature, topP;
    private final SplittableRandom random;
    private float[] probs = new float[0];
    private int[] order = new int[0];

    TokenSampler(float temperature, float topP, long seed) {
        this.temperature = temperature;
        this.topP = topP;
        this.random = new SplittableRandom(seed);
    }

    int sample(float[] logits, int off, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) if (logits[off + i] > logits[off + best]) best = i;
        if (temperature == 0) return best;
        if (probs.length < vocab) probs = new float[vocab];
        float max = logits[off + best];
        double sum = 0;
        for (int i = 0; i < vocab; i++) sum += probs[i] = (float) Math.exp((logits[off + i] - max) / temperature);
        if (topP >= 1) return draw(vocab, sum);
        return nucleus(vocab, sum);
    }

    private int draw(int vocab, double sum) {
        double target = random.nextDouble() * sum, acc = 0;
        for (int i = 0; i < vocab; i++) {
            acc += probs[i];
            if (acc > target) return i;
        }
        return vocab - 1;
    }

    /** Top-p: only tokens above (1 - top_p) / (vocab - 1) of the mass can be in the nucleus, so only those are sorted. */
    private int nucleus(int vocab, double sum) {
        if (order.length < vocab) order = new int[vocab];
        double floor = (1 - topP) / (vocab - 1) * sum;
        int n = 0;
        for (int i = 0; i < vocab; i++) if (probs[i] >= floor) order[n++] = i;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) boxed[i] = order[i];
        Arrays.sort(boxed, (a, b) -> probs[a] != probs[b] ? Float.compare(probs[b], probs[a]) : Integer.compare(a, b));
        double mass = 0;
        int keep = 0;
        while (keep < n && mass < topP * sum) mass += probs[boxed[keep++]];
        double target = random.nextDouble() * mass, acc = 0;
        for (int i = 0; i < keep; i++) {
            acc += probs[boxed[i]];
            if (acc > target) return boxed[i];
        }
        return boxed[keep - 1];
    }
}
