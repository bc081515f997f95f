package org.llmbench.model;

/** The three transformer families llmbench runs. */
public enum Arch {
    /** LayerNorm, learned positions, GELU, fused QKV with biases, tied embeddings. */
    GPT2("gpt2"),
    /** RMSNorm, RoPE on adjacent pairs (GGUF's row order), grouped-query attention, SwiGLU. */
    LLAMA("llama"),
    /** LayerNorm, parallel attention and MLP, multi-query attention, RoPE on halves (NeoX), GELU. */
    FALCON("falcon");

    private final String id;

    Arch(String id) {
        this.id = id;
    }

    /** The architecture name as GGUF writes it in general.architecture. */
    public String id() {
        return id;
    }
}
