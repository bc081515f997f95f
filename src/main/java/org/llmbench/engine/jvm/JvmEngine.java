package org.llmbench.engine.jvm;

import org.llmbench.engine.Engine;
import org.llmbench.engine.Session;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.Quant;
import org.llmbench.runtime.MemoryBudget;
import org.llmbench.runtime.Parallel;
import org.llmbench.weights.StoragePlan;
import org.llmbench.weights.WeightSource;

/** The pure-JVM backend: a model's weights as kernel-owning matrices, and a thread pool. */
public final class JvmEngine implements Engine {
    /** One transformer block's weights; fields an architecture lacks stay null. */
    static final class Layer {
        float[] attnNorm, attnNormBias, ffnNorm, ffnNormBias, qkvBias, outBias, upBias, downBias;
        Matrix q, k, v, qkv, out, gate, up, down;
    }

    final ModelSpec spec;
    final Quant quant;
    final Matrix tokenEmbd;
    final float[] positionEmbd;
    final Layer[] layers;
    final float[] outputNorm, outputNormBias;
    final Matrix output;
    final Parallel pool;
    private final long weightBytes;

    private JvmEngine(WeightSource source, Quant quant, int threads) {
        this.spec = source.spec();
        this.quant = quant;
        this.pool = new Parallel(threads);
        Loader in = new Loader(source, quant);
        Arch arch = spec.arch();
        boolean normBias = arch.normHasBias(), biases = arch.linearBiases();
        tokenEmbd = in.matrix("token_embd.weight");
        positionEmbd = arch.positions() == Arch.Positions.LEARNED ? in.vector("position_embd.weight") : null;
        layers = new Layer[spec.layers()];
        for (int l = 0; l < layers.length; l++) {
            String p = "blk." + l + ".";
            Layer w = new Layer();
            w.attnNorm = in.vector(p + "attn_norm.weight");
            w.attnNormBias = normBias ? in.vector(p + "attn_norm.bias") : null;
            if (arch.fusedQkv()) {
                w.qkv = in.matrix(p + "attn_qkv.weight");
            } else {
                w.q = in.matrix(p + "attn_q.weight");
                w.k = in.matrix(p + "attn_k.weight");
                w.v = in.matrix(p + "attn_v.weight");
            }
            w.out = in.matrix(p + "attn_output.weight");
            if (!arch.parallelBlock()) {
                w.ffnNorm = in.vector(p + "ffn_norm.weight");
                w.ffnNormBias = normBias ? in.vector(p + "ffn_norm.bias") : null;
            }
            if (arch.mlp() == Arch.Mlp.SWIGLU) w.gate = in.matrix(p + "ffn_gate.weight");
            w.up = in.matrix(p + "ffn_up.weight");
            w.down = in.matrix(p + "ffn_down.weight");
            if (biases) {
                w.qkvBias = in.vector(p + "attn_qkv.bias");
                w.outBias = in.vector(p + "attn_output.bias");
                w.upBias = in.vector(p + "ffn_up.bias");
                w.downBias = in.vector(p + "ffn_down.bias");
            }
            layers[l] = w;
        }
        outputNorm = in.vector("output_norm.weight");
        outputNormBias = normBias ? in.vector("output_norm.bias") : null;
        output = spec.tiedEmbeddings() ? tokenEmbd : in.matrix("output.weight");
        weightBytes = in.bytes;
    }

    /** Heap that loading needs: the stored weights plus one tensor's floats on the way in. */
    public static long loadBytes(ModelSpec spec, Quant quant) {
        long largest = spec.tensors().stream().mapToLong(TensorSpec::elements).max().orElse(0);
        return StoragePlan.weightBytes(spec, quant) + 4 * largest;
    }

    /** Heap a session of this batch and length needs (KV cache and activations). */
    public static long sessionBytes(ModelSpec spec, int batch, int maxSeq) {
        return JvmSession.bytes(spec, batch, maxSeq);
    }

    /** Loads every weight of the source in the chosen quant, refusing up front what would not fit. */
    public static JvmEngine load(WeightSource source, Quant quant, int threads) {
        Matrices.requireSupported(quant);
        ModelSpec spec = source.spec();
        MemoryBudget.require(loadBytes(spec, quant), "Model " + spec.name() + " at " + quant);
        return new JvmEngine(source, quant, threads);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Quant quant() {
        return quant;
    }

    @Override
    public String backend() {
        return "jvm";
    }

    @Override
    public long weightBytes() {
        return weightBytes;
    }

    @Override
    public long weightBytesPerDecodeStep(int batch) {
        long bytes = weightBytes;
        if (output != tokenEmbd) { // untied: only the looked-up rows of the embedding are read
            bytes += Math.min(tokenEmbd.bytes(), batch * (tokenEmbd.bytes() / tokenEmbd.rows())) - tokenEmbd.bytes();
        }
        if (positionEmbd != null) bytes += Math.min(4L * positionEmbd.length, 4L * batch * spec.dim()) - 4L * positionEmbd.length;
        return bytes;
    }

    public int threads() {
        return pool.threads();
    }

    @Override
    public Session newSession(int batch, int maxSeq) {
        return new JvmSession(this, batch, maxSeq);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Reads tensors from the source, each in the storage the plan gives it, counting bytes. */
    private static final class Loader {
        private final WeightSource source;
        private final Quant quant;
        private final java.util.Map<String, TensorSpec> specs = new java.util.HashMap<>();
        long bytes;

        Loader(WeightSource source, Quant quant) {
            this.source = source;
            this.quant = quant;
            source.spec().tensors().forEach(t -> specs.put(t.name(), t));
        }

        Matrix matrix(String name) {
            Matrix m = Matrices.of(source.tensor(name), StoragePlan.quantFor(specs.get(name), quant));
            bytes += m.bytes();
            return m;
        }

        float[] vector(String name) {
            float[] v = source.tensor(name).toFloats();
            bytes += 4L * v.length;
            return v;
        }
    }
}
