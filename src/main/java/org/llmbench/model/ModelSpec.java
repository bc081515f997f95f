package org.llmbench.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The architecture and shapes of a model: all a weight source and an engine need to agree on.
 *
 * @param maxSeq the model's context length
 * @param tiedEmbeddings the output head reuses token_embd (no separate output.weight)
 */
public record ModelSpec(String name, Arch arch, int dim, int layers, int heads, int kvHeads,
                        int ffnDim, int vocab, int maxSeq, float ropeTheta, float normEps,
                        boolean tiedEmbeddings) {

    public ModelSpec {
        if (dim % heads != 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException(name + ": dim " + dim + " / heads " + heads + " / kvHeads " + kvHeads + " do not divide");
        }
    }

    public int headDim() {
        return dim / heads;
    }

    public int kvDim() {
        return kvHeads * headDim();
    }

    /** Every weight tensor, GGUF-named, in the order a GGUF file lists them. */
    public List<TensorSpec> tensors() {
        List<TensorSpec> t = new ArrayList<>();
        t.add(TensorSpec.matrix("token_embd.weight", vocab, dim));
        if (arch.positions() == Arch.Positions.LEARNED) t.add(TensorSpec.matrix("position_embd.weight", maxSeq, dim));
        boolean biases = arch.linearBiases(), normBias = arch.normHasBias();
        for (int l = 0; l < layers; l++) {
            String p = "blk." + l + ".";
            t.add(TensorSpec.vector(p + "attn_norm.weight", dim));
            if (normBias) t.add(TensorSpec.vector(p + "attn_norm.bias", dim));
            if (arch.fusedQkv()) {
                t.add(TensorSpec.matrix(p + "attn_qkv.weight", dim + 2 * kvDim(), dim));
                if (biases) t.add(TensorSpec.vector(p + "attn_qkv.bias", dim + 2 * kvDim()));
            } else {
                t.add(TensorSpec.matrix(p + "attn_q.weight", dim, dim));
                t.add(TensorSpec.matrix(p + "attn_k.weight", kvDim(), dim));
                t.add(TensorSpec.matrix(p + "attn_v.weight", kvDim(), dim));
            }
            t.add(TensorSpec.matrix(p + "attn_output.weight", dim, dim));
            if (biases) t.add(TensorSpec.vector(p + "attn_output.bias", dim));
            if (!arch.parallelBlock()) { // a parallel block's MLP reads the attention's norm
                t.add(TensorSpec.vector(p + "ffn_norm.weight", dim));
                if (normBias) t.add(TensorSpec.vector(p + "ffn_norm.bias", dim));
            }
            if (arch.mlp() == Arch.Mlp.SWIGLU) t.add(TensorSpec.matrix(p + "ffn_gate.weight", ffnDim, dim));
            t.add(TensorSpec.matrix(p + "ffn_up.weight", ffnDim, dim));
            if (biases) t.add(TensorSpec.vector(p + "ffn_up.bias", ffnDim));
            t.add(TensorSpec.matrix(p + "ffn_down.weight", dim, ffnDim));
            if (biases) t.add(TensorSpec.vector(p + "ffn_down.bias", dim));
        }
        t.add(TensorSpec.vector("output_norm.weight", dim));
        if (normBias) t.add(TensorSpec.vector("output_norm.bias", dim));
        if (!tiedEmbeddings) t.add(TensorSpec.matrix("output.weight", vocab, dim));
        return t;
    }

    public long parameterCount() {
        return tensors().stream().mapToLong(TensorSpec::elements).sum();
    }
}
