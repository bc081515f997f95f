package org.llmbench.weights;

import org.llmbench.LlmbenchException;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Deterministic weights at a model's real shapes. Speed does not depend on weight values,
 * so every registry model runs without a download. Values are near-normal with the usual
 * 1/sqrt(fan-in) scale (residual projections further scaled by 1/sqrt(2 * layers), as GPT-2
 * initialises them), norms are 1 and biases small, which keeps activations finite over long
 * sequences. Each tensor's values depend only on the seed and the tensor's name.
 */
public final class SyntheticWeights implements WeightSource {
    public static final long DEFAULT_SEED = 42;
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private final ModelSpec spec;
    private final long seed;
    private final Map<String, TensorSpec> tensors;

    public SyntheticWeights(ModelSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
        this.tensors = spec.tensors().stream().collect(Collectors.toMap(TensorSpec::name, Function.identity()));
    }

    public SyntheticWeights(ModelSpec spec) {
        this(spec, DEFAULT_SEED);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public boolean synthetic() {
        return true;
    }

    @Override
    public String origin() {
        return "synthetic (seed " + seed + ")";
    }

    @Override
    public TensorData tensor(String name) {
        TensorSpec t = tensors.get(name);
        if (t == null) {
            throw new LlmbenchException("Model " + spec.name() + " has no tensor '" + name + "'.");
        }
        return new FloatTensor(name, t.rows(), t.cols(), values(t));
    }

    private float[] values(TensorSpec t) {
        float[] v = new float[Math.toIntExact(t.elements())];
        String n = t.name();
        if (!t.matrix()) {
            if (n.endsWith(".bias")) {
                fillNormal(v, mix(seed, n), 0.02f);
            } else {
                java.util.Arrays.fill(v, 1f); // norm gains
            }
            return v;
        }
        float std = (float) (1 / Math.sqrt(t.cols()));
        if (n.endsWith("attn_output.weight") || n.endsWith("ffn_down.weight")) {
            std /= (float) Math.sqrt(2.0 * spec.layers());
        } else if (n.startsWith("token_embd") || n.startsWith("position_embd")) {
            std = 0.5f; // embeddings feed a norm first: their scale only needs to be O(1)
        }
        fillNormal(v, mix(seed, n), std);
        return v;
    }

    /**
     * Approximately normal values (Irwin-Hall sum of four 16-bit uniforms). Value i comes from
     * SplitMix64 at state + (i + 1) * gamma, so chunks are filled in parallel with identical results.
     */
    private static void fillNormal(float[] v, long state, float std) {
        final float k = std * (float) Math.sqrt(3.0); // a sum of 4 U(0,1) has mean 2 and variance 1/3
        final int chunk = 1 << 16;
        IntStream.range(0, (v.length + chunk - 1) / chunk).parallel().forEach(c -> {
            int end = Math.min(v.length, (c + 1) * chunk);
            long st = state + (long) c * chunk * GAMMA;
            for (int i = c * chunk; i < end; i++) {
                long z = splitmix(st += GAMMA);
                float s = (z & 0xFFFF) + ((z >>> 16) & 0xFFFF) + ((z >>> 32) & 0xFFFF) + (z >>> 48);
                v[i] = (s / 65536f - 2f) * k;
            }
        });
    }

    private static long splitmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long mix(long seed, String name) {
        return splitmix(seed * 31 + name.hashCode());
    }
}
