package org.llmbench.engine.jvm;

import org.llmbench.LlmbenchException;
import org.llmbench.engine.Session;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.runtime.MemoryBudget;
import org.llmbench.runtime.Parallel;

import java.util.Arrays;

/**
 * The forward pass. Prefill and decode share one path: a chunk of token rows (each with its
 * sequence and position) goes through every layer together, so each weight matrix is read once
 * per chunk; logits are computed only for the rows that need them. Buffers are sized once here.
 */
final class JvmSession implements Session {
    /** Token rows per forward chunk in prefill: bounds activation memory for long prompts. */
    private static final int MAX_CHUNK = 512;

    private final JvmEngine e;
    private final ModelSpec s;
    private final int batch, maxSeq, chunkCap;
    private final int dim, hd, qkvRows, kvDim, vocab;
    private final int[] length;
    private final float[][] kCache, vCache; // per layer: [batch][maxSeq][kvDim]
    private final float[] ropeCos, ropeSin; // [maxSeq][hd / 2]
    private final float[] x, h, qkv, q, k, v, att, o, up, gate, ffnOut, logits, headIn;
    private final int[] tokens, seqs, pos, logitRow;

    /** Heap a session allocates: the KV cache and the activation buffers (checked before they are allocated). */
    static long bytes(ModelSpec s, int batch, int maxSeq) {
        int chunk = Math.max(batch, Math.min(MAX_CHUNK, batch * maxSeq));
        long qkvRows = s.dim() + 2L * s.kvDim();
        long kvFloats = 2L * s.layers() * batch * maxSeq * s.kvDim();
        long actFloats = (long) chunk * (5L * s.dim() + 2L * qkvRows + 2L * s.ffnDim()) + 2L * batch * s.vocab();
        return 4 * (kvFloats + actFloats);
    }

    JvmSession(JvmEngine engine, int batch, int maxSeq) {
        this.e = engine;
        this.s = engine.spec;
        if (batch < 1) throw new LlmbenchException("Batch " + batch + " is invalid; batch must be at least 1.");
        if (maxSeq < 1 || maxSeq > s.maxSeq()) {
            throw new LlmbenchException("Sequence length " + maxSeq + " is invalid for " + s.name() + "; it takes 1 to " + s.maxSeq() + " tokens.");
        }
        this.batch = batch;
        this.maxSeq = maxSeq;
        this.chunkCap = Math.max(batch, Math.min(MAX_CHUNK, batch * maxSeq));
        this.dim = s.dim();
        this.hd = s.headDim();
        this.kvDim = s.kvDim();
        this.qkvRows = dim + 2 * kvDim;
        this.vocab = s.vocab();
        MemoryBudget.require(bytes(s, batch, maxSeq), "Session (batch " + batch + ", " + maxSeq + " tokens) of " + s.name());
        if ((long) batch * maxSeq * kvDim > Integer.MAX_VALUE) {
            throw new LlmbenchException("KV cache of batch " + batch + " x " + maxSeq + " tokens is too large for one array; lower batch or length.");
        }
        length = new int[batch];
        kCache = new float[s.layers()][batch * maxSeq * kvDim];
        vCache = new float[s.layers()][batch * maxSeq * kvDim];
        ropeCos = new float[maxSeq * (hd / 2)];
        ropeSin = new float[maxSeq * (hd / 2)];
        for (int p = 0; p < maxSeq; p++) {
            for (int j = 0; j < hd / 2; j++) {
                double angle = p * Math.pow(s.ropeTheta(), -2.0 * j / hd);
                ropeCos[p * (hd / 2) + j] = (float) Math.cos(angle);
                ropeSin[p * (hd / 2) + j] = (float) Math.sin(angle);
            }
        }
        x = new float[chunkCap * dim];
        h = new float[chunkCap * dim];
        qkv = new float[chunkCap * qkvRows];
        q = new float[chunkCap * dim];
        k = new float[chunkCap * kvDim];
        v = new float[chunkCap * kvDim];
        att = new float[chunkCap * dim];
        o = new float[chunkCap * dim];
        ffnOut = new float[chunkCap * dim];
        up = new float[chunkCap * s.ffnDim()];
        gate = new float[chunkCap * s.ffnDim()];
        logits = new float[batch * vocab];
        headIn = new float[batch * dim];
        tokens = new int[chunkCap];
        seqs = new int[chunkCap];
        pos = new int[chunkCap];
        logitRow = new int[chunkCap];
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int maxSeq() {
        return maxSeq;
    }

    @Override
    public int length(int row) {
        return length[row];
    }

    @Override
    public void truncate(int len) {
        for (int b = 0; b < batch; b++) length[b] = Math.min(length[b], Math.max(0, len));
    }

    @Override
    public long kvCacheBytes() {
        return 8L * s.layers() * batch * maxSeq * kvDim;
    }

    @Override
    public float[] prefill(int[][] prompts) {
        if (prompts.length != batch) {
            throw new LlmbenchException("Got " + prompts.length + " prompts for a session of batch " + batch + "; give one prompt per batch row.");
        }
        for (int b = 0; b < batch; b++) {
            if (prompts[b].length == 0) throw new LlmbenchException("Prompt of batch row " + b + " is empty; a prompt needs at least one token.");
            checkRoom(b, prompts[b].length);
            for (int t : prompts[b]) checkToken(t);
        }
        int n = 0;
        for (int b = 0; b < batch; b++) {
            int[] p = prompts[b];
            for (int t = 0; t < p.length; t++) {
                tokens[n] = p[t];
                seqs[n] = b;
                pos[n] = length[b] + t;
                logitRow[n] = t == p.length - 1 ? b : -1;
                if (++n == chunkCap) {
                    forward(n);
                    n = 0;
                }
            }
        }
        if (n > 0) forward(n);
        for (int b = 0; b < batch; b++) length[b] += prompts[b].length;
        return logits;
    }

    @Override
    public float[] decode(int[] next) {
        if (next.length != batch) {
            throw new LlmbenchException("Got " + next.length + " tokens for a session of batch " + batch + "; give one per batch row.");
        }
        for (int b = 0; b < batch; b++) {
            checkRoom(b, 1);
            checkToken(next[b]);
            tokens[b] = next[b];
            seqs[b] = b;
            pos[b] = length[b];
            logitRow[b] = b;
        }
        forward(batch);
        for (int b = 0; b < batch; b++) length[b]++;
        return logits;
    }

    private void checkRoom(int b, int add) {
        if (length[b] + add > maxSeq) {
            throw new LlmbenchException("Batch row " + b + " would hold " + (length[b] + add) + " tokens; this session holds at most " + maxSeq + ".");
        }
    }

    private void checkToken(int t) {
        if (t < 0 || t >= vocab) throw new LlmbenchException("Token id " + t + " is out of range; " + s.name() + " takes 0 to " + (vocab - 1) + ".");
    }

    /** Runs n token rows (tokens/seqs/pos/logitRow[0..n)) through the model. */
    private void forward(int n) {
        Parallel pool = e.pool;
        for (int i = 0; i < n; i++) {
            e.tokenEmbd.row(tokens[i], x, i * dim);
            if (e.positionEmbd != null) VectorMath.axpy(1f, e.positionEmbd, pos[i] * dim, x, i * dim, dim);
        }
        for (int l = 0; l < e.layers.length; l++) {
            JvmEngine.Layer w = e.layers[l];
            norm(n, x, h, w.attnNorm, w.attnNormBias);
            if (w.qkv != null) {
                w.qkv.multiply(pool, h, qkv, n);
                for (int i = 0; i < n; i++) {
                    int r = i * qkvRows;
                    if (w.qkvBias != null) VectorMath.axpy(1f, w.qkvBias, 0, qkv, r, qkvRows);
                    System.arraycopy(qkv, r, q, i * dim, dim);
                    System.arraycopy(qkv, r + dim, k, i * kvDim, kvDim);
                    System.arraycopy(qkv, r + dim + kvDim, v, i * kvDim, kvDim);
                }
            } else {
                w.q.multiply(pool, h, q, n);
                w.k.multiply(pool, h, k, n);
                w.v.multiply(pool, h, v, n);
            }
            if (s.arch().positions().rotary()) rope(n);
            float[] kc = kCache[l], vc = vCache[l];
            for (int i = 0; i < n; i++) {
                int at = (seqs[i] * maxSeq + pos[i]) * kvDim;
                System.arraycopy(k, i * kvDim, kc, at, kvDim);
                System.arraycopy(v, i * kvDim, vc, at, kvDim);
            }
            if ((long) n * s.heads() * (pos[n - 1] + 1) * hd < Matrix.SERIAL_WORK) {
                attention(kc, vc, 0, n * s.heads()); // short contexts: not worth waking the pool
            } else {
                pool.forRange(n * s.heads(), 1, (a, b) -> attention(kc, vc, a, b));
            }
            w.out.multiply(pool, att, o, n);
            addBias(n, o, w.outBias, dim);
            if (s.arch().parallelBlock()) { // attention and MLP both read h
                mlp(n, w, h);
                for (int i = 0; i < n * dim; i++) x[i] += o[i] + ffnOut[i];
            } else {
                for (int i = 0; i < n * dim; i++) x[i] += o[i];
                norm(n, x, h, w.ffnNorm, w.ffnNormBias);
                mlp(n, w, h);
                for (int i = 0; i < n * dim; i++) x[i] += ffnOut[i];
            }
        }
        int m = 0;
        int[] rowOf = seqs; // reuse: which batch row each gathered head input belongs to
        for (int i = 0; i < n; i++) {
            if (logitRow[i] >= 0) {
                System.arraycopy(x, i * dim, headIn, m * dim, dim);
                rowOf[m++] = logitRow[i];
            }
        }
        if (m == 0) return;
        norm(m, headIn, headIn, e.outputNorm, e.outputNormBias);
        boolean inOrder = true; // logits land in rows 0 .. m - 1: write them in place
        for (int j = 0; inOrder && j < m; j++) inOrder = rowOf[j] == j;
        if (inOrder) {
            e.output.multiply(pool, headIn, logits, m);
        } else {
            float[] tmp = new float[m * vocab]; // only prefill chunks that end mid-batch get here
            e.output.multiply(pool, headIn, tmp, m);
            for (int j = 0; j < m; j++) System.arraycopy(tmp, j * vocab, logits, rowOf[j] * vocab, vocab);
        }
    }

    // ---- per-row control for serving: each row its own request (continuous batching, prefix cache) ----

    @Override
    public float[] append(int[] rows, int[][] add) {
        if (rows.length != add.length || rows.length == 0) {
            throw new LlmbenchException("Got " + rows.length + " rows and " + add.length + " token lists; give one non-empty token list per row.");
        }
        for (int i = 0; i < rows.length; i++) {
            checkRow(rows[i]);
            for (int j = 0; j < i; j++) {
                if (rows[j] == rows[i]) throw new LlmbenchException("Batch row " + rows[i] + " is listed twice; each row takes one token list per pass.");
            }
            if (add[i].length == 0) throw new LlmbenchException("The token list of batch row " + rows[i] + " is empty; give at least one token.");
            checkRoom(rows[i], add[i].length);
            for (int t : add[i]) checkToken(t);
        }
        int n = 0;
        for (int i = 0; i < rows.length; i++) {
            int[] p = add[i];
            for (int t = 0; t < p.length; t++) {
                tokens[n] = p[t];
                seqs[n] = rows[i];
                pos[n] = length[rows[i]] + t;
                logitRow[n] = t == p.length - 1 ? i : -1;
                if (++n == chunkCap) {
                    forward(n);
                    n = 0;
                }
            }
        }
        if (n > 0) forward(n);
        for (int i = 0; i < rows.length; i++) length[rows[i]] += add[i].length;
        return logits;
    }

    @Override
    public void truncate(int row, int len) {
        checkRow(row);
        length[row] = Math.min(length[row], Math.max(0, len));
    }

    @Override
    public int kvFloatsPerToken() {
        return 2 * s.layers() * kvDim;
    }

    @Override
    public void exportKv(int row, int from, int to, float[] dst, int off) {
        checkRow(row);
        checkSpan(from, to, length[row], "row " + row + " holds " + length[row] + " tokens");
        copyKv(row, from, to, dst, off, true);
    }

    @Override
    public void importKv(int row, int from, int to, float[] src, int off) {
        checkRow(row);
        checkSpan(from, to, maxSeq, "this session holds " + maxSeq + " tokens a row");
        if (from > length[row]) {
            throw new LlmbenchException("Cannot write the cache of row " + row + " from position " + from + ": it holds " + length[row] + " tokens, so the positions between would be missing.");
        }
        copyKv(row, from, to, src, off, false);
        length[row] = to;
    }

    private void copyKv(int row, int from, int to, float[] buf, int off, boolean out) {
        int span = (to - from) * kvDim, at = (row * maxSeq + from) * kvDim;
        for (int l = 0; l < s.layers(); l++) {
            int o = off + 2 * l * span;
            if (out) {
                System.arraycopy(kCache[l], at, buf, o, span);
                System.arraycopy(vCache[l], at, buf, o + span, span);
            } else {
                System.arraycopy(buf, o, kCache[l], at, span);
                System.arraycopy(buf, o + span, vCache[l], at, span);
            }
        }
    }

    private void checkRow(int row) {
        if (row < 0 || row >= batch) throw new LlmbenchException("Batch row " + row + " does not exist; this session has rows 0 to " + (batch - 1) + ".");
    }

    private static void checkSpan(int from, int to, int limit, String why) {
        if (from < 0 || to < from || to > limit) throw new LlmbenchException("Positions " + from + " to " + to + " are invalid; " + why + ".");
    }

    private void mlp(int n, JvmEngine.Layer w, float[] in) {
        Parallel pool = e.pool;
        int f = s.ffnDim();
        w.up.multiply(pool, in, up, n);
        addBias(n, up, w.upBias, f);
        if (w.gate != null) {
            w.gate.multiply(pool, in, gate, n);
            VectorMath.siluMul(up, gate, n * f);
        } else {
            for (int i = 0; i < n * f; i++) up[i] = gelu(up[i]);
        }
        w.down.multiply(pool, up, ffnOut, n);
        addBias(n, ffnOut, w.downBias, dim);
    }

    /** Each thread's attention scores, grown to the longest context seen. */
    private static final ThreadLocal<float[]> SCORES = ThreadLocal.withInitial(() -> new float[0]);

    /**
     * Causal attention of query rows over their own sequence's cache, one (row, head) pair per
     * index: all scores first (a buffer of the context's length per thread), then one softmax with
     * the vector exp, then the values' weighted sum with the output in registers. (A one-pass online
     * softmax needs no buffer, but rescales and re-reads the output for every key: with Math.exp, a
     * fifth of a 512-token prefill of tinyllama-1.1b.)
     */
    private void attention(float[] kc, float[] vc, int from, int to) {
        int heads = s.heads(), group = heads / s.kvHeads();
        float scale = (float) (1 / Math.sqrt(hd));
        float[] scores = SCORES.get();
        if (scores.length < maxSeq) SCORES.set(scores = new float[maxSeq]);
        for (int idx = from; idx < to; idx++) {
            int i = idx / heads, head = idx % heads;
            int qo = i * dim + head * hd, n = pos[i] + 1;
            int base = seqs[i] * maxSeq * kvDim + (head / group) * hd;
            for (int t = 0; t < n; t++) scores[t] = VectorMath.dot(q, qo, kc, base + t * kvDim, hd) * scale;
            VectorMath.softmax(scores, n);
            VectorMath.weightedSum(scores, n, vc, base, kvDim, att, qo, hd);
        }
    }

    /** Rotary embedding on adjacent pairs (GGUF's Llama row order) or on the two halves (NeoX). */
    private void rope(int n) {
        int half = hd / 2;
        boolean neox = s.arch().positions() == Arch.Positions.ROPE_HALVES;
        for (int i = 0; i < n; i++) {
            int ro = pos[i] * half;
            for (int head = 0; head < s.heads(); head++) rotate(q, i * dim + head * hd, ro, half, neox);
            for (int head = 0; head < s.kvHeads(); head++) rotate(k, i * kvDim + head * hd, ro, half, neox);
        }
    }

    private void rotate(float[] a, int off, int ro, int half, boolean neox) {
        for (int j = 0; j < half; j++) {
            int i0 = neox ? off + j : off + 2 * j, i1 = neox ? i0 + half : i0 + 1;
            float c = ropeCos[ro + j], sn = ropeSin[ro + j];
            float a0 = a[i0], a1 = a[i1];
            a[i0] = a0 * c - a1 * sn;
            a[i1] = a0 * sn + a1 * c;
        }
    }

    /** RMSNorm or LayerNorm (with bias), as the architecture says; in and out may be the same array. */
    private void norm(int n, float[] in, float[] out, float[] gain, float[] bias) {
        float eps = s.normEps();
        boolean centre = s.arch().norm() == Arch.Norm.LAYER_NORM;
        for (int i = 0; i < n; i++) {
            int o0 = i * dim;
            float mean = 0;
            if (centre) { // LayerNorm centres first; RMSNorm does not
                for (int j = 0; j < dim; j++) mean += in[o0 + j];
                mean /= dim;
            }
            float ss = 0;
            for (int j = 0; j < dim; j++) {
                float d = in[o0 + j] - mean;
                ss += d * d;
            }
            float inv = (float) (1 / Math.sqrt(ss / dim + eps));
            for (int j = 0; j < dim; j++) {
                float y = (in[o0 + j] - mean) * inv * gain[j];
                out[o0 + j] = bias == null ? y : y + bias[j];
            }
        }
    }

    private static void addBias(int n, float[] y, float[] bias, int width) {
        if (bias == null) return;
        for (int i = 0; i < n; i++) VectorMath.axpy(1f, bias, 0, y, i * width, width);
    }

    /** GELU, tanh approximation (GPT-2's gelu_new; also what llama.cpp uses for Falcon). */
    private static float gelu(float z) {
        return 0.5f * z * (1 + (float) Math.tanh(0.7978845608 * (z + 0.044715 * z * z * z)));
    }
}
