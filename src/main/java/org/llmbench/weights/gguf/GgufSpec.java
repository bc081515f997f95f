package org.llmbench.weights.gguf;

import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Builds a {@link ModelSpec} from a GGUF file's metadata (llama.cpp's keys per architecture) and
 * checks that every tensor the spec needs is present, readable and of the right shape.
 */
final class GgufSpec {
    private GgufSpec() {
    }

    static ModelSpec of(GgufFile f) {
        String archName = f.string("general.architecture");
        if (archName == null) throw f.bad("it has no general.architecture");
        Arch arch = Arrays.stream(Arch.values()).filter(a -> a.id().equals(archName)).findFirst()
                .orElseThrow(() -> f.bad("architecture '" + archName + "' is not supported (llmbench runs llama (incl. Mistral), gpt2, falcon)"));
        String p = archName + ".";
        int dim = required(f, p + "embedding_length");
        int layers = required(f, p + "block_count");
        int heads = required(f, p + "attention.head_count");
        int kvHeads = (int) bounded(f, p + "attention.head_count_kv", heads);
        int ffn = required(f, p + "feed_forward_length");
        int context = required(f, p + "context_length");
        GgufTensorInfo embd = f.tensors().get("token_embd.weight");
        if (embd == null) throw f.bad("tensor token_embd.weight is missing");
        if (embd.ne().length < 2) throw f.bad("tensor token_embd.weight has shape " + embd.shape() + ", not a matrix");
        int vocab = (int) Math.min(embd.ne()[1], Integer.MAX_VALUE);
        if (heads < 1 || kvHeads < 1 || dim % heads != 0 || heads % kvHeads != 0) {
            throw f.bad("embedding_length " + dim + ", head_count " + heads + " and head_count_kv " + kvHeads + " do not divide evenly");
        }
        if (arch.positions().rotary()) {
            long ropeDims = f.integer(p + "rope.dimension_count", dim / heads);
            if (ropeDims != dim / heads) throw f.bad("rope.dimension_count " + ropeDims + " differs from the head size " + dim / heads + " (partial RoPE is not supported)");
        }
        if (arch == Arch.FALCON && f.tensors().containsKey("blk.0.attn_norm_2.weight")) {
            throw f.bad("it is a Falcon-40B-style model (two norms per block), which llmbench does not run; Falcon-7B-style models run");
        }
        String epsKey = arch.norm() == Arch.Norm.RMS_NORM ? p + "attention.layer_norm_rms_epsilon" : p + "attention.layer_norm_epsilon";
        float eps = (float) f.number(epsKey, 1e-5);
        float theta = !arch.positions().rotary() ? 0f : (float) f.number(p + "rope.freq_base", 10000);
        boolean tied = !f.tensors().containsKey("output.weight");
        ModelSpec spec;
        try {
            spec = new ModelSpec(name(f.path()), arch, dim, layers, heads, kvHeads, ffn, vocab, context, theta, eps, tied);
        } catch (IllegalArgumentException e) {
            throw f.bad(e.getMessage());
        }
        for (TensorSpec t : spec.tensors()) check(f, t);
        return spec;
    }

    /** The model's name in results: the file name without .gguf. */
    static String name(Path path) {
        String n = path.getFileName().toString();
        return n.endsWith(".gguf") ? n.substring(0, n.length() - 5) : n;
    }

    private static void check(GgufFile f, TensorSpec t) {
        GgufTensorInfo info = f.tensors().get(t.name());
        if (info == null) throw f.bad("tensor " + t.name() + " is missing");
        long[] ne = info.ne();
        long rest = 1;
        for (int i = 1; i < ne.length; i++) rest *= ne[i];
        if (ne[0] != t.cols() || rest != t.rows()) {
            String expected = t.matrix() ? "[" + t.cols() + ", " + t.rows() + "]" : "[" + t.cols() + "]";
            throw f.bad("tensor " + t.name() + " has shape " + info.shape() + " where the metadata implies " + expected);
        }
        if (info.type() == null) {
            throw f.bad("tensor " + t.name() + " has type " + info.typeName() + ", which llmbench cannot read (it reads F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K)");
        }
    }

    private static int required(GgufFile f, String key) {
        if (!f.metadata().containsKey(key)) throw f.bad("metadata " + key + " is missing");
        return (int) bounded(f, key, 0);
    }

    private static long bounded(GgufFile f, String key, long dflt) {
        long v = f.integer(key, dflt);
        if (v < 1 || v > 1 << 24) throw f.bad("metadata " + key + " is " + v + " (expected 1 to " + (1 << 24) + ")");
        return v;
    }
}
