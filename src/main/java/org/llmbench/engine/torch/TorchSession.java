package org.llmbench.engine.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import org.llmbench.LlmbenchException;
import org.llmbench.engine.Session;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The forward pass from DJL NDArray operations. Prefill and decode share one path: a chunk of T new
 * tokens for every batch row ([B, T], rows that have fewer are padded), row b starting at its own
 * position, goes through every layer together; each row's keys and values go into its slots of a
 * per-layer cache [B, kvHeads, maxSeq, headDim], and attention masks every key past the query's
 * position (so padding, and whatever a truncated cache still holds, is never read). All step
 * intermediates belong to a sub-manager closed at the end of the step; the session's manager holds
 * only the caches and the RoPE tables.
 */
final class TorchSession implements Session {
    /** Token rows per forward chunk in prefill, as the JVM engine: bounds activation memory for long prompts. */
    private static final int MAX_ROWS = 512;

    private final TorchEngine e;
    private final ModelSpec s;
    private final int batch, maxSeq, chunkLen, dim, hd, heads, kvHeads, vocab;
    private final int[] length;
    private final NDManager manager;
    private final NDArray[] kCache, vCache;
    private final NDArray ropeCos, ropeSin; // [maxSeq, hd]: cos of each pair twice; -sin then sin (rotate halves)
    private final float[] logits;

    TorchSession(TorchEngine engine, int batch, int maxSeq) {
        this.e = engine;
        this.s = engine.spec;
        if (batch < 1) throw new LlmbenchException("Batch " + batch + " is invalid; batch must be at least 1.");
        if (maxSeq < 1 || maxSeq > s.maxSeq()) {
            throw new LlmbenchException("Sequence length " + maxSeq + " is invalid for " + s.name() + "; it takes 1 to " + s.maxSeq() + " tokens.");
        }
        this.batch = batch;
        this.maxSeq = maxSeq;
        this.chunkLen = Math.max(1, Math.min(maxSeq, MAX_ROWS / batch));
        this.dim = s.dim();
        this.hd = s.headDim();
        this.heads = s.heads();
        this.kvHeads = s.kvHeads();
        this.vocab = s.vocab();
        long rows = (long) batch * chunkLen, f32 = 4;
        long activations = rows * (6L * dim + 2L * (dim + 2L * s.kvDim()) + 3L * s.ffnDim()) * f32
                + 3 * rows * heads * maxSeq * f32 + 2L * batch * vocab * f32;
        NativeMemory.require(kvCacheBytes() + activations, "Session (batch " + batch + ", " + maxSeq + " tokens) of " + s.name(), e.device);
        length = new int[batch];
        logits = new float[batch * vocab];
        manager = e.manager.newSubManager();
        try {
            kCache = new NDArray[s.layers()];
            vCache = new NDArray[s.layers()];
            Shape cache = new Shape(batch, kvHeads, maxSeq, hd);
            for (int l = 0; l < kCache.length; l++) {
                kCache[l] = manager.zeros(cache, e.act);
                vCache[l] = manager.zeros(cache, e.act);
            }
            if (s.arch().positions().rotary()) {
                float[][] t = ropeTables(maxSeq, hd, s.ropeTheta());
                Staging staging = new Staging();
                ropeCos = staging.floats(manager, t[0], new Shape(maxSeq, hd), e.act);
                ropeSin = staging.floats(manager, t[1], new Shape(maxSeq, hd), e.act);
            } else {
                ropeCos = ropeSin = null;
            }
        } catch (RuntimeException ex) {
            manager.close();
            throw ex;
        }
    }

    /** cos and signed sin per position for rotation of halves: x' = x cos + swapHalves(x) sin. */
    static float[][] ropeTables(int maxSeq, int hd, float theta) {
        int half = hd / 2;
        float[] cos = new float[maxSeq * hd], sin = new float[maxSeq * hd];
        for (int p = 0; p < maxSeq; p++) {
            for (int j = 0; j < half; j++) {
                double angle = p * Math.pow(theta, -2.0 * j / hd);
                float c = (float) Math.cos(angle), sn = (float) Math.sin(angle);
                cos[p * hd + j] = c;
                cos[p * hd + half + j] = c;
                sin[p * hd + j] = -sn;
                sin[p * hd + half + j] = sn;
            }
        }
        return new float[][]{cos, sin};
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
    public void close() {
        manager.close(); // the caches and RoPE tables
    }

    @Override
    public long kvCacheBytes() {
        return 2L * s.layers() * batch * maxSeq * s.kvDim() * e.act.getNumOfBytes();
    }

    @Override
    public float[] prefill(int[][] prompts) {
        if (prompts.length != batch) {
            throw new LlmbenchException("Got " + prompts.length + " prompts for a session of batch " + batch + "; give one prompt per batch row.");
        }
        int longest = 0;
        for (int b = 0; b < batch; b++) {
            if (prompts[b].length == 0) throw new LlmbenchException("Prompt of batch row " + b + " is empty; a prompt needs at least one token.");
            checkRoom(b, prompts[b].length);
            for (int t : prompts[b]) checkToken(t);
            longest = Math.max(longest, prompts[b].length);
        }
        for (int from = 0; from < longest; from += chunkLen) {
            int T = Math.min(chunkLen, longest - from);
            Chunk c = new Chunk(T);
            for (int b = 0; b < batch; b++) {
                int[] p = prompts[b];
                c.start[b] = length[b] + from;
                for (int t = 0; t < T; t++) c.tokens[b * T + t] = from + t < p.length ? p[from + t] : 0; // 0 pads
                int last = p.length - 1 - from;
                c.logitAt[b] = last >= 0 && last < T ? last : -1;
            }
            forward(c);
        }
        for (int b = 0; b < batch; b++) length[b] += prompts[b].length;
        return logits;
    }

    @Override
    public float[] decode(int[] next) {
        if (next.length != batch) {
            throw new LlmbenchException("Got " + next.length + " tokens for a session of batch " + batch + "; give one per batch row.");
        }
        Chunk c = new Chunk(1);
        for (int b = 0; b < batch; b++) {
            checkRoom(b, 1);
            checkToken(next[b]);
            c.tokens[b] = next[b];
            c.start[b] = length[b];
            c.logitAt[b] = 0;
        }
        forward(c);
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

    /** T new tokens per row ([B, T] row-major), row b's first at position start[b]; logits for row b from its token logitAt[b] (-1: none). */
    private final class Chunk {
        final int T;
        final long[] tokens;
        final int[] start = new int[batch], logitAt = new int[batch];

        Chunk(int T) {
            this.T = T;
            this.tokens = new long[batch * T];
        }

        /** Positions of every token; padding past the cache is clamped for the table lookups (never read back). */
        long[] positions(boolean clamp) {
            long[] p = new long[batch * T];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < T; t++) p[b * T + t] = clamp ? Math.min(start[b] + t, maxSeq - 1) : start[b] + t;
            }
            return p;
        }

        /** Keys the chunk's attention spans: up to the furthest position written. */
        int keys() {
            int end = 0;
            for (int st : start) end = Math.max(end, st + T);
            return Math.min(end, maxSeq);
        }

        /** Every row starts at the same position and fits: one slice write per cache. */
        boolean aligned() {
            for (int st : start) if (st != start[0]) return false;
            return start[0] + T <= maxSeq;
        }
    }

    private void forward(Chunk c) {
        int B = batch, T = c.T, L = c.keys();
        Arch arch = s.arch();
        try (NDManager step = manager.newSubManager()) {
            NDArray ids = step.create(c.tokens, new Shape(B, T));
            NDArray pos = step.create(c.positions(true), new Shape(B, T));
            NDArray x = e.tokenEmbd.lookup(ids); // [B, T, dim]
            if (e.positionEmbd != null) x = x.add(lookup(pos, e.positionEmbd));
            NDArray cos = null, sin = null;
            if (arch.positions().rotary()) {
                cos = lookup(pos, ropeCos).expandDims(2); // [B, T, 1, hd]
                sin = lookup(pos, ropeSin).expandDims(2);
            }
            NDArray visible = visibleKeys(step, c, L);
            for (int l = 0; l < e.layers.length; l++) {
                TorchEngine.Layer w = e.layers[l];
                NDArray h = norm(x, w.attnNorm, w.attnNormBias);
                NDArray qkv = w.qkv.apply(h).reshape(B, T, heads + 2L * kvHeads, hd);
                NDArray qk = qkv.get(":, :, :{}", heads + kvHeads), v = qkv.get(":, :, {}:", heads + kvHeads);
                if (cos != null) qk = rotate(qk, cos, sin);
                store(kCache[l], qk.get(":, :, {}:", heads), c, step);
                store(vCache[l], v, c, step);
                NDArray o = w.out.apply(attention(qk.get(":, :, :{}", heads), l, L, visible, step));
                if (arch.parallelBlock()) { // attention and MLP both read h
                    x = x.add(o).add(mlp(w, h));
                } else {
                    x = x.add(o);
                    x = x.add(mlp(w, norm(x, w.ffnNorm, w.ffnNormBias)));
                }
            }
            head(x, c, step);
        }
    }

    /** Rows of a table for [B, T] ids; the result belongs to the ids' manager. */
    private static NDArray lookup(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** [B, kvHeads, group, T, L], the scores' shape (DJL's where does not broadcast): key j is visible to the query at position p when j <= p. */
    private NDArray visibleKeys(NDManager step, Chunk c, int L) {
        NDArray queryPos = step.create(c.positions(false), new Shape(batch, c.T, 1));
        NDArray visible = step.arange(0, L, 1, DataType.INT64).lte(queryPos).reshape(batch, 1, 1, c.T, L);
        return visible.broadcast(new Shape(batch, kvHeads, heads / kvHeads, c.T, L)); // a view: expand, no copy
    }

    /** Writes [B, T, kvHeads, hd] into the cache at each row's positions (clipped at maxSeq; padding lands past the row's length). */
    private void store(NDArray cache, NDArray kv, Chunk c, NDManager step) {
        NDArray t = kv.transpose(0, 2, 1, 3); // [B, kvHeads, T, hd]
        if (c.aligned()) {
            cache.set(new NDIndex(":, :, {}:{}", c.start[0], c.start[0] + c.T), t);
            return;
        }
        for (int b = 0; b < batch; b++) {
            int n = Math.min(c.T, maxSeq - c.start[b]);
            if (n <= 0) continue;
            NDArray rows = t.get("{}, :, :{}", b, n);
            cache.set(new NDIndex("{}, :, {}:{}", b, c.start[b], c.start[b] + n), rows);
        }
    }

    /** Grouped-query attention of q [B, T, heads, hd] over the first L cached keys of layer l; [B, T, dim]. */
    private NDArray attention(NDArray q, int l, int L, NDArray visible, NDManager step) {
        int B = batch, T = (int) q.getShape().get(1), group = heads / kvHeads;
        // head h uses kv head h / group: [B, kvHeads, group * T, hd] multiplies each kv head's keys once
        NDArray qh = q.reshape(B, T, kvHeads, group, hd).transpose(0, 2, 3, 1, 4).reshape(B, kvHeads, (long) group * T, hd)
                .mul(1 / Math.sqrt(hd));
        NDArray keys = kCache[l].get(":, :, :{}", L), values = vCache[l].get(":, :, :{}", L);
        keys.attach(step);
        values.attach(step);
        NDArray scores = qh.matMul(keys.transpose(0, 1, 3, 2)).reshape(B, kvHeads, group, T, L);
        if (e.act != DataType.FLOAT32) scores = scores.toType(DataType.FLOAT32, false); // softmax in fp32, as Hugging Face does
        NDArray masked = NDArrays.where(visible, scores, step.create(Float.NEGATIVE_INFINITY));
        NDArray p = masked.softmax(-1).toType(e.act, false).reshape(B, kvHeads, (long) group * T, L);
        return p.matMul(values).reshape(B, kvHeads, group, T, hd).transpose(0, 3, 1, 2, 4).reshape(B, T, dim);
    }

    /** x cos + swapHalves(x) sin on the last axis (the tables carry the signs). */
    private NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        int half = hd / 2;
        NDArray swapped = x.get("..., {}:", half).concat(x.get("..., :{}", half), -1);
        return x.mul(cos).add(swapped.mul(sin));
    }

    private NDArray mlp(TorchEngine.Layer w, NDArray h) {
        NDArray up = w.up.apply(h);
        NDArray a;
        if (s.arch().mlp() == Arch.Mlp.SWIGLU) { // up holds the gate's outputs, then up's
            int f = s.ffnDim();
            NDArray gate = up.get("..., :{}", f);
            a = gate.mul(Activation.sigmoid(gate)).mul(up.get("..., {}:", f));
        } else {
            a = gelu(up);
        }
        return w.down.apply(a);
    }

    /** GELU, tanh approximation (GPT-2's gelu_new; the JVM engine's too), from primitives: DJL's gelu is the erf form. */
    private static NDArray gelu(NDArray z) {
        NDArray inner = z.mul(z).mul(z).mul(0.044715f).add(z).mul(0.7978845608f);
        return inner.tanh().add(1f).mul(z).mul(0.5f);
    }

    /** RMSNorm (statistics in fp32) or LayerNorm, as the architecture says, over the last axis. */
    private NDArray norm(NDArray x, NDArray gain, NDArray bias) {
        if (s.arch().norm() == Arch.Norm.LAYER_NORM) {
            return LayerNorm.layerNorm(x, new Shape(dim), gain, bias, s.normEps()).singletonOrThrow();
        }
        NDArray x32 = x.toType(DataType.FLOAT32, false);
        NDArray inv = x32.square().mean(new int[]{-1}, true).add(s.normEps()).pow(-0.5f);
        return x32.mul(inv).toType(e.act, false).mul(gain);
    }

    /** Final norm and output head for the rows that want logits, copied into the session's logits buffer. */
    private void head(NDArray x, Chunk c, NDManager step) {
        int wanted = 0;
        long[] flat = new long[batch];
        int[] row = new int[batch];
        for (int b = 0; b < batch; b++) {
            if (c.logitAt[b] >= 0) {
                flat[wanted] = (long) b * c.T + c.logitAt[b];
                row[wanted++] = b;
            }
        }
        if (wanted == 0) return;
        NDArray picked = x.reshape(-1, dim).get(new NDIndex("{}", step.create(java.util.Arrays.copyOf(flat, wanted))));
        NDArray out = e.output.apply(norm(picked, e.outputNorm, e.outputNormBias)).toType(DataType.FLOAT32, false);
        FloatBuffer values = out.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer(); // a view of the tensor on the CPU: no copy
        for (int j = 0; j < wanted; j++) values.get(logits, row[j] * vocab, vocab);
    }
}
