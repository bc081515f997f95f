package org.llmbench.engine.torch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.llmbench.LlmbenchException;
import org.llmbench.engine.Engine;
import org.llmbench.engine.Session;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.Q8_0;
import org.llmbench.quant.Quant;
import org.llmbench.runtime.Libtorch;
import org.llmbench.runtime.MemoryBudget;
import org.llmbench.weights.WeightSource;

import java.util.HashMap;
import java.util.Map;

/**
 * PyTorch through DJL: a model's weights as libtorch tensors on the CPU or a CUDA device. Loading
 * reorders and fuses, so a step makes few calls: q, k and v become one matrix (as do SwiGLU's gate and
 * up), and the rows of q and k that GGUF orders for rotation of adjacent pairs are put back in
 * rotate-halves order (the same permutation on q and k leaves q.k unchanged), so one RoPE serves
 * every family.
 */
public final class TorchEngine implements Engine {
    /** What a torch engine runs on: "torch" is the CPU, "torch-cuda" the first GPU. */
    public enum Target {
        CPU("torch"), CUDA("torch-cuda");

        final String id;

        Target(String id) {
            this.id = id;
        }
    }

    /** One transformer block; fields an architecture lacks stay null. */
    static final class Layer {
        NDArray attnNorm, attnNormBias, ffnNorm, ffnNormBias;
        TorchLinear qkv, out, up, down; // up holds gate then up for SwiGLU
    }

    final ModelSpec spec;
    final Quant quant;
    final Target target;
    final Device device;
    /** Activations and KV cache: fp16 for fp16 weights, else fp32 (dynamic quantization takes fp32 in). */
    final DataType act;
    final NDManager manager;
    final TokenEmbedding tokenEmbd;
    final NDArray positionEmbd;
    final Layer[] layers;
    final NDArray outputNorm, outputNormBias;
    final TorchLinear output;
    private final long weightBytes;

    private TorchEngine(WeightSource source, Quant quant, Target target, Device device) {
        this.spec = source.spec();
        this.quant = quant;
        this.target = target;
        this.device = device;
        this.act = quant == Quant.FP16 ? DataType.FLOAT16 : DataType.FLOAT32;
        this.manager = NDManager.newBaseManager(device, "PyTorch");
        try {
            Loader in = new Loader(source, this);
            Arch arch = spec.arch();
            boolean normBias = arch.normHasBias();
            tokenEmbd = in.embedding();
            positionEmbd = arch.positions() == Arch.Positions.LEARNED ? in.vector("position_embd.weight", spec.maxSeq(), spec.dim()) : null;
            layers = new Layer[spec.layers()];
            for (int l = 0; l < layers.length; l++) {
                String p = "blk." + l + ".";
                Layer w = new Layer();
                w.attnNorm = in.vector(p + "attn_norm.weight");
                w.attnNormBias = normBias ? in.vector(p + "attn_norm.bias") : null;
                w.qkv = in.qkv(p);
                w.out = in.linear(in.floats(p + "attn_output.weight"), spec.dim(), spec.dim(), in.bias(p + "attn_output.bias"));
                if (!arch.parallelBlock()) {
                    w.ffnNorm = in.vector(p + "ffn_norm.weight");
                    w.ffnNormBias = normBias ? in.vector(p + "ffn_norm.bias") : null;
                }
                float[] up = in.floats(p + "ffn_up.weight");
                if (arch.mlp() == Arch.Mlp.SWIGLU) up = concat(in.floats(p + "ffn_gate.weight"), up);
                w.up = in.linear(up, up.length / spec.dim(), spec.dim(), in.bias(p + "ffn_up.bias"));
                w.down = in.linear(in.floats(p + "ffn_down.weight"), spec.dim(), spec.ffnDim(), in.bias(p + "ffn_down.bias"));
                layers[l] = w;
            }
            outputNorm = in.vector("output_norm.weight");
            outputNormBias = normBias ? in.vector("output_norm.bias") : null;
            if (spec.tiedEmbeddings() && tokenEmbd.rowScale() == null) {
                output = new TorchLinear.Dense(tokenEmbd.table(), null); // the same tensor serves lookup and head
            } else { // dynamic int8 keeps a packed copy for the head beside the lookup table
                output = in.linear(in.floats(spec.tiedEmbeddings() ? "token_embd.weight" : "output.weight"), spec.vocab(), spec.dim(), null);
            }
            weightBytes = in.bytes;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Loads every weight in the chosen quant onto the target, refusing up front what cannot run or would not fit. */
    public static TorchEngine load(WeightSource source, Quant quant, int threads, Target target) {
        requireSupported(quant, target);
        ModelSpec spec = source.spec();
        ai.djl.engine.Engine pytorch = Libtorch.engine();
        Device device = Device.cpu();
        if (target == Target.CUDA) {
            if (!pytorch.hasCapability(ai.djl.engine.StandardCapabilities.CUDA)) {
                throw new LlmbenchException("torch-cuda: this build carries libtorch's CPU natives; on a machine with a GPU build with mvn -Pcuda package (see docs/TORCH.md).");
            }
            if (pytorch.getGpuCount() == 0) throw new LlmbenchException("torch-cuda: libtorch sees no CUDA device on this machine.");
            device = Device.gpu();
        }
        if (threads < 1) throw new LlmbenchException("Threads " + threads + " is invalid; it must be at least 1.");
        JniUtils.setNumThreads(threads); // libtorch's intra-op pool is process-wide
        long largest = 0;
        for (TensorSpec t : spec.tensors()) largest = Math.max(largest, t.elements());
        MemoryBudget.require(4 * 4 * largest, "Model " + spec.name() + " at " + quant + " (staging in the heap)"); // a tensor, a fused pair, their concatenation
        NativeMemory.require(storedBytes(spec, quant), "Model " + spec.name() + " at " + quant, device);
        return new TorchEngine(source, quant, target, device);
    }

    /**
     * Refuses, with one sentence, a quant this engine cannot run on the target, before DJL is touched:
     * never a silent fp32 (or another int8 format) under the requested name.
     */
    public static void requireSupported(Quant quant, Target target) {
        String why = switch (quant) {
            case FP32, FP16 -> null;
            case BF16 -> "DJL 0.32's PyTorch engine aborts the whole JVM (std::terminate) on a BFLOAT16 tensor, so bf16 is refused before DJL sees it";
            case INT8 -> "int8 is llama.cpp's Q8_0 (a scale per block of 32), which no PyTorch kernel runs; quant=dynamic is PyTorch's dynamic"
                    + " quantization (int8 weights with a scale per row, activations quantized at run time)";
            case INT4, NF4 -> quant + " has no PyTorch kernel that DJL can reach";
            case DYNAMIC -> target == Target.CUDA ? "PyTorch's dynamic quantization (fbgemm) runs on the CPU only" : null;
        };
        if (why != null) {
            throw new LlmbenchException(target.id + ": quant " + quant + " is refused: " + why + "; valid quants for " + target.id + " are "
                    + supportedQuants(target) + ".");
        }
    }

    /** The quants this engine runs on the target, for messages: "fp32, fp16, dynamic". */
    public static String supportedQuants(Target target) {
        return target == Target.CUDA ? "fp32, fp16" : "fp32, fp16, dynamic";
    }

    /** Bytes the weights take on the device: matrices in the quant, vectors in the activation type. */
    static long storedBytes(ModelSpec spec, Quant quant) {
        long sum = 0;
        int vectorBytes = quant == Quant.FP16 ? 2 : 4;
        for (TensorSpec t : spec.tensors()) {
            boolean matrix = t.matrix() && !t.name().startsWith("position_embd");
            sum += matrix ? quant.bytes(t.rows(), t.cols()) : t.elements() * vectorBytes;
        }
        if (spec.tiedEmbeddings() && quant == Quant.DYNAMIC) sum += quant.bytes(spec.vocab(), spec.dim()); // lookup table and packed head
        return sum;
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
        return target.id;
    }

    @Override
    public long weightBytes() {
        return weightBytes;
    }

    @Override
    public long weightBytesPerDecodeStep(int batch) {
        long bytes = weightBytes;
        boolean tableIsHead = output instanceof TorchLinear.Dense d && d.weight() == tokenEmbd.table();
        if (!tableIsHead) { // only the looked-up rows of a separate lookup table are read
            long table = tokenEmbd.bytes(), row = table / spec.vocab();
            bytes += Math.min(table, batch * row) - table;
        }
        if (positionEmbd != null) {
            long all = positionEmbd.getShape().size() * 4;
            bytes += Math.min(all, 4L * batch * spec.dim()) - all;
        }
        return bytes;
    }

    /** "cpu()" or "gpu(0)". */
    public String device() {
        return device.toString();
    }

    @Override
    public Session newSession(int batch, int maxSeq) {
        return new TorchSession(this, batch, maxSeq);
    }

    /** Arrays this engine and its open sessions hold: constant between steps, or something leaks. */
    public int liveArrays() {
        return manager.getManagedArrays().size();
    }

    @Override
    public void close() {
        manager.close(); // every weight, packed weight and open session's cache
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) n += p.length;
        float[] all = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Reads tensors from the source and puts them on the device in the engine's storage, counting bytes. */
    private static final class Loader {
        private final WeightSource source;
        private final TorchEngine e;
        private final ModelSpec spec;
        private final DynamicQuantOps dq;
        private final Staging staging = new Staging();
        long bytes;

        Loader(WeightSource source, TorchEngine e) {
            this.source = source;
            this.e = e;
            this.spec = source.spec();
            this.dq = e.quant == Quant.DYNAMIC ? new DynamicQuantOps(e.manager) : null;
        }

        float[] floats(String name) {
            return source.tensor(name).toFloats();
        }

        /** A bias when the architecture has linear biases, else null. */
        float[] bias(String name) {
            return spec.arch().linearBiases() ? floats(name) : null;
        }

        NDArray vector(String name) {
            float[] v = floats(name);
            return vector(v, v.length);
        }

        NDArray vector(String name, int rows, int cols) {
            return vector(floats(name), rows, cols);
        }

        private NDArray vector(float[] v, long... shape) {
            return upload(v, new Shape(shape));
        }

        /** The values on the device in the activation type, counted. */
        private NDArray upload(float[] v, Shape shape) {
            NDArray a = staging.floats(e.manager, v, shape, e.act);
            bytes += a.getShape().size() * a.getDataType().getNumOfBytes();
            return a;
        }

        /** The fused q, k, v projection (and bias), with q and k rows in rotate-halves order. */
        TorchLinear qkv(String p) {
            int dim = spec.dim(), kvDim = spec.kvDim();
            float[] w = spec.arch().fusedQkv() ? floats(p + "attn_qkv.weight")
                    : concat(floats(p + "attn_q.weight"), floats(p + "attn_k.weight"), floats(p + "attn_v.weight"));
            float[] b = bias(p + "attn_qkv.bias");
            if (spec.arch().positions() == Arch.Positions.ROPE_ADJACENT_PAIRS) {
                int heads = spec.heads() + spec.kvHeads(); // q's heads then k's, back to back
                w = pairsToHalves(w, dim, heads);
                if (b != null) b = pairsToHalves(b, 1, heads);
            }
            return linear(w, dim + 2 * kvDim, dim, b);
        }

        /** Within each of the first {@code heads} heads, row 2j + c moves to c * half + j; the rest stay. */
        private float[] pairsToHalves(float[] w, int cols, int heads) {
            int hd = spec.headDim(), half = hd / 2;
            float[] out = w.clone();
            for (int h = 0; h < heads; h++) {
                for (int j = 0; j < half; j++) {
                    for (int c = 0; c < 2; c++) {
                        System.arraycopy(w, (h * hd + 2 * j + c) * cols, out, (h * hd + c * half + j) * cols, cols);
                    }
                }
            }
            return out;
        }

        TorchLinear linear(float[] w, int rows, int cols, float[] bias) {
            NDArray b = bias == null ? null : vector(bias, bias.length);
            if (dq == null) {
                return new TorchLinear.Dense(upload(w, new Shape(rows, cols)), b);
            }
            try (NDManager scratch = e.manager.newSubManager()) { // fbgemm packs its own copy
                Int8Rows q = Int8Rows.quantize(w, rows, cols);
                NDArray qa = staging.bytes(scratch, q.values, new Shape(rows, cols));
                NDArray scale = staging.doubles(scratch, q.scales64(), new Shape(rows));
                if (b != null) b.attach(scratch); // the packed weights hold their own copy of the bias
                TorchLinear.DynamicInt8 l = new TorchLinear.DynamicInt8(dq, dq.pack(qa, scale, b), Quant.DYNAMIC.bytes(rows, cols));
                bytes += l.bytes();
                return l;
            }
        }

        TokenEmbedding embedding() {
            float[] w = floats("token_embd.weight");
            int rows = spec.vocab(), cols = spec.dim();
            if (dq == null) return new TokenEmbedding(upload(w, new Shape(rows, cols)), null);
            Int8Rows q = Int8Rows.quantize(w, rows, cols);
            TokenEmbedding t = new TokenEmbedding(staging.bytes(e.manager, q.values, new Shape(rows, cols)),
                    staging.floats(e.manager, q.scales, new Shape(rows, 1), DataType.FLOAT32));
            bytes += t.bytes();
            return t;
        }
    }

    /** Symmetric int8 per row (scale = absmax / 127), the values and rounding of the JVM engine's dynamic quant. */
    private record Int8Rows(byte[] values, float[] scales) {
        static Int8Rows quantize(float[] w, int rows, int cols) {
            byte[] q = new byte[w.length];
            float[] s = new float[rows];
            for (int r = 0; r < rows; r++) {
                float d = Q8_0.scale(w, r * cols, cols), id = d != 0 ? 1f / d : 0f;
                s[r] = d;
                for (int j = 0; j < cols; j++) q[r * cols + j] = Q8_0.quantize(w[r * cols + j], id);
            }
            return new Int8Rows(q, s);
        }

        double[] scales64() {
            double[] d = new double[scales.length];
            for (int i = 0; i < d.length; i++) d[i] = scales[i];
            return d;
        }
    }
}
