package org.llmbench.engine;

import java.util.SplittableRandom;

/** Picks the next token of every batch row: greedy (argmax) at temperature 0, else seeded sampling. */
public final class Sampler {
    private final float temperature;
    private final SplittableRandom random;

    public Sampler(float temperature, long seed) {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new org.llmbench.LlmbenchException("Temperature " + temperature + " is invalid; use 0 (greedy) or a positive number.");
        }
        this.temperature = temperature;
        this.random = new SplittableRandom(seed);
    }

    public static Sampler greedy() {
        return new Sampler(0f, 0);
    }

    public void sample(float[] logits, int vocab, int[] out) {
        for (int b = 0; b < out.length; b++) {
            out[b] = temperature == 0 ? argmax(logits, b * vocab, vocab) : draw(logits, b * vocab, vocab);
        }
    }

    static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (x[off + i] > x[off + best]) best = i;
        }
        return best;
    }

    private int draw(float[] logits, int off, int n) {
        float max = logits[off + argmax(logits, off, n)];
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp((logits[off + i] - max) / temperature);
        double target = random.nextDouble() * sum;
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += Math.exp((logits[off + i] - max) / temperature);
            if (acc >= target) return i;
        }
        return n - 1;
    }
}
