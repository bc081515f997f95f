package org.llmbench.engine.jvm;

import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.weights.WeightSource;

/**
 * A plain scalar transformer, written apart from the engine and as directly as the papers
 * state it: full recomputation of a sequence, double accumulation, ordinary softmax. It is
 * slow on purpose; tests compare the engine's logits with it.
 */
final class ReferenceTransformer {
    private final ModelSpec s;
    private final WeightSource w;

    ReferenceTransformer(WeightSource weights) {
        this.w = weights;
        this.s = weights.spec();
    }

    private final java.util.Map<String, float[]> cache = new java.util.HashMap<>();

    private float[] t(String name) {
        return cache.computeIfAbsent(name, n -> w.tensor(n).toFloats());
    }

    /** Logits after the last token of the sequence. */
    float[] logits(int[] tokens) {
        int n = tokens.length, d = s.dim(), hd = s.headDim(), kvd = s.kvDim();
        float[][] x = new float[n][d];
        float[] emb = t("token_embd.weight");
        for (int i = 0; i < n; i++) {
            System.arraycopy(emb, tokens[i] * d, x[i], 0, d);
            if (s.arch() == Arch.GPT2) {
                float[] pe = t("position_embd.weight");
                for (int j = 0; j < d; j++) x[i][j] += pe[i * d + j];
            }
        }
        for (int l = 0; l < s.layers(); l++) {
            String p = "blk." + l + ".";
            float[][] h = new float[n][];
            for (int i = 0; i < n; i++) h[i] = norm(x[i], p + "attn_norm");
            float[][] q = new float[n][], k = new float[n][], v = new float[n][];
            for (int i = 0; i < n; i++) {
                if (s.arch() == Arch.LLAMA) {
                    q[i] = matvec(p + "attn_q.weight", h[i]);
                    k[i] = matvec(p + "attn_k.weight", h[i]);
                    v[i] = matvec(p + "attn_v.weight", h[i]);
                } else {
                    float[] qkv = matvec(p + "attn_qkv.weight", h[i]);
                    if (s.arch() == Arch.GPT2) add(qkv, t(p + "attn_qkv.bias"));
                    q[i] = java.util.Arrays.copyOfRange(qkv, 0, d);
                    k[i] = java.util.Arrays.copyOfRange(qkv, d, d + kvd);
                    v[i] = java.util.Arrays.copyOfRange(qkv, d + kvd, d + 2 * kvd);
                }
                if (s.arch() != Arch.GPT2) {
                    rope(q[i], s.heads(), i);
                    rope(k[i], s.kvHeads(), i);
                }
            }
            float[][] attnOut = new float[n][];
            for (int i = 0; i < n; i++) {
                float[] a = new float[d];
                for (int head = 0; head < s.heads(); head++) {
                    int kvHead = head / (s.heads() / s.kvHeads());
                    double[] scores = new double[i + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        double dot = 0;
                        for (int c = 0; c < hd; c++) dot += (double) q[i][head * hd + c] * k[j][kvHead * hd + c];
                        scores[j] = dot / Math.sqrt(hd);
                        max = Math.max(max, scores[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= i; j++) sum += scores[j] = Math.exp(scores[j] - max);
                    for (int c = 0; c < hd; c++) {
                        double acc = 0;
                        for (int j = 0; j <= i; j++) acc += scores[j] / sum * v[j][kvHead * hd + c];
                        a[head * hd + c] = (float) acc;
                    }
                }
                attnOut[i] = matvec(p + "attn_output.weight", a);
                if (s.arch() == Arch.GPT2) add(attnOut[i], t(p + "attn_output.bias"));
            }
            for (int i = 0; i < n; i++) {
                if (s.arch() == Arch.FALCON) {
                    float[] m = mlp(p, h[i]);
                    for (int j = 0; j < d; j++) x[i][j] += attnOut[i][j] + m[j];
                } else {
                    add(x[i], attnOut[i]);
                    add(x[i], mlp(p, norm(x[i], p + "ffn_norm")));
                }
            }
        }
        float[] last = norm(x[n - 1], "output_norm");
        return matvec(s.tiedEmbeddings() ? "token_embd.weight" : "output.weight", last);
    }

    private float[] mlp(String p, float[] h) {
        float[] up = matvec(p + "ffn_up.weight", h);
        if (s.arch() == Arch.LLAMA) {
            float[] gate = matvec(p + "ffn_gate.weight", h);
            for (int j = 0; j < up.length; j++) up[j] *= (float) (gate[j] / (1 + Math.exp(-gate[j])));
        } else {
            if (s.arch() == Arch.GPT2) add(up, t(p + "ffn_up.bias"));
            for (int j = 0; j < up.length; j++) {
                double z = up[j];
                up[j] = (float) (0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z))));
            }
        }
        float[] down = matvec(p + "ffn_down.weight", up);
        if (s.arch() == Arch.GPT2) add(down, t(p + "ffn_down.bias"));
        return down;
    }

    /** Llama: adjacent pairs (GGUF order); Falcon: first half with second half (NeoX). */
    private void rope(float[] v, int heads, int pos) {
        int hd = s.headDim();
        for (int head = 0; head < heads; head++) {
            for (int j = 0; j < hd / 2; j++) {
                double angle = pos / Math.pow(s.ropeTheta(), 2.0 * j / hd);
                int a = head * hd + (s.arch() == Arch.FALCON ? j : 2 * j);
                int b = s.arch() == Arch.FALCON ? a + hd / 2 : a + 1;
                double x0 = v[a], x1 = v[b];
                v[a] = (float) (x0 * Math.cos(angle) - x1 * Math.sin(angle));
                v[b] = (float) (x0 * Math.sin(angle) + x1 * Math.cos(angle));
            }
        }
    }

    private float[] norm(float[] x, String name) {
        int d = x.length;
        float[] g = t(name + ".weight");
        float[] out = new float[d];
        if (s.arch() == Arch.LLAMA) {
            double ss = 0;
            for (float v : x) ss += (double) v * v;
            double inv = 1 / Math.sqrt(ss / d + s.normEps());
            for (int j = 0; j < d; j++) out[j] = (float) (x[j] * inv * g[j]);
        } else {
            float[] b = t(name + ".bias");
            double mean = 0, var = 0;
            for (float v : x) mean += v;
            mean /= d;
            for (float v : x) var += (v - mean) * (v - mean);
            double inv = 1 / Math.sqrt(var / d + s.normEps());
            for (int j = 0; j < d; j++) out[j] = (float) ((x[j] - mean) * inv * g[j] + b[j]);
        }
        return out;
    }

    private float[] matvec(String name, float[] x) {
        float[] m = t(name);
        int cols = x.length, rows = m.length / cols;
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            double acc = 0;
            for (int c = 0; c < cols; c++) acc += (double) m[r * cols + c] * x[c];
            y[r] = (float) acc;
        }
        return y;
    }

    private static void add(float[] y, float[] b) {
        for (int j = 0; j < y.length; j++) y[j] += b[j];
    }
}
