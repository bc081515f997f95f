package org.llmbench.model;

/**
 * The three transformer families llmbench runs, each described by the choices that shape its
 * forward pass, so engines and file formats ask "which norm?", never "which family?".
 */
public enum Arch {
    /** LayerNorm, learned positions, GELU, fused QKV, biases on every linear layer. */
    GPT2("gpt2", Norm.LAYER_NORM, Positions.LEARNED, Mlp.GELU, true, true, false),
    /** RMSNorm, RoPE on adjacent pairs (GGUF's row order), grouped-query attention, SwiGLU. */
    LLAMA("llama", Norm.RMS_NORM, Positions.ROPE_ADJACENT_PAIRS, Mlp.SWIGLU, false, false, false),
    /** LayerNorm, parallel attention and MLP, multi-query attention, RoPE on halves (NeoX), GELU. */
    FALCON("falcon", Norm.LAYER_NORM, Positions.ROPE_HALVES, Mlp.GELU, true, false, true);

    /** LayerNorm centres and has a bias; RMSNorm does neither. */
    public enum Norm { LAYER_NORM, RMS_NORM }

    /** How positions enter: a learned table added to the embeddings, or rotary embeddings on q and k. */
    public enum Positions {
        LEARNED, ROPE_ADJACENT_PAIRS, ROPE_HALVES;

        public boolean rotary() {
            return this != LEARNED;
        }
    }

    /** GELU on the up projection, or SwiGLU: SiLU of a gate projection times the up projection. */
    public enum Mlp { GELU, SWIGLU }

    private final String id;
    private final Norm norm;
    private final Positions positions;
    private final Mlp mlp;
    private final boolean fusedQkv, linearBiases, parallelBlock;

    Arch(String id, Norm norm, Positions positions, Mlp mlp, boolean fusedQkv, boolean linearBiases, boolean parallelBlock) {
        this.id = id;
        this.norm = norm;
        this.positions = positions;
        this.mlp = mlp;
        this.fusedQkv = fusedQkv;
        this.linearBiases = linearBiases;
        this.parallelBlock = parallelBlock;
    }

    /** The architecture name as GGUF writes it in general.architecture. */
    public String id() {
        return id;
    }

    public Norm norm() {
        return norm;
    }

    public boolean normHasBias() {
        return norm == Norm.LAYER_NORM;
    }

    public Positions positions() {
        return positions;
    }

    public Mlp mlp() {
        return mlp;
    }

    /** One attn_qkv matrix instead of attn_q, attn_k and attn_v. */
    public boolean fusedQkv() {
        return fusedQkv;
    }

    /** Biases on the QKV, attention output and MLP projections. */
    public boolean linearBiases() {
        return linearBiases;
    }

    /** Attention and MLP both read the block's one norm, and both add to the residual (no ffn_norm). */
    public boolean parallelBlock() {
        return parallelBlock;
    }
}
