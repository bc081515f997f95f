package org.llmbench.weights.hf;

import org.llmbench.model.Arch;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one mapping table from llmbench's canonical (GGUF) tensor names to Hugging Face names,
 * with the change of layout each needs, following llama.cpp's convert_hf_to_gguf.py.
 */
final class HfTensorNames {
    /** How an HF tensor becomes its GGUF counterpart. */
    enum Layout {
        /** Same values, same order. */
        SAME,
        /** GPT-2's Conv1D stores [in, out]: transpose to [out, in]. */
        TRANSPOSED,
        /** Llama q_proj: rows permuted per head so that RoPE rotates adjacent pairs. */
        ROPE_PERMUTED_Q,
        /** Llama k_proj: as q_proj, per key-value head. */
        ROPE_PERMUTED_K,
        /** Falcon query_key_value: per key-value group (its q heads, one k, one v) to all q, all k, all v. */
        FALCON_QKV
    }

    /** One HF tensor: candidate names (first that exists wins) and its layout. */
    record Source(List<String> names, Layout layout) {
    }

    private static final Pattern BLOCK = Pattern.compile("blk\\.(\\d+)\\.(.+)");

    private static final Map<String, String> LLAMA = Map.ofEntries(
            Map.entry("token_embd.weight", "model.embed_tokens.weight"),
            Map.entry("output_norm.weight", "model.norm.weight"),
            Map.entry("output.weight", "lm_head.weight"),
            Map.entry("attn_norm.weight", "model.layers.%d.input_layernorm.weight"),
            Map.entry("attn_q.weight", "model.layers.%d.self_attn.q_proj.weight"),
            Map.entry("attn_k.weight", "model.layers.%d.self_attn.k_proj.weight"),
            Map.entry("attn_v.weight", "model.layers.%d.self_attn.v_proj.weight"),
            Map.entry("attn_output.weight", "model.layers.%d.self_attn.o_proj.weight"),
            Map.entry("ffn_norm.weight", "model.layers.%d.post_attention_layernorm.weight"),
            Map.entry("ffn_gate.weight", "model.layers.%d.mlp.gate_proj.weight"),
            Map.entry("ffn_up.weight", "model.layers.%d.mlp.up_proj.weight"),
            Map.entry("ffn_down.weight", "model.layers.%d.mlp.down_proj.weight"));

    private static final Map<String, String> GPT2 = Map.ofEntries(
            Map.entry("token_embd.weight", "wte.weight"),
            Map.entry("position_embd.weight", "wpe.weight"),
            Map.entry("output_norm.weight", "ln_f.weight"),
            Map.entry("output_norm.bias", "ln_f.bias"),
            Map.entry("output.weight", "lm_head.weight"),
            Map.entry("attn_norm.weight", "h.%d.ln_1.weight"),
            Map.entry("attn_norm.bias", "h.%d.ln_1.bias"),
            Map.entry("attn_qkv.weight", "h.%d.attn.c_attn.weight"),
            Map.entry("attn_qkv.bias", "h.%d.attn.c_attn.bias"),
            Map.entry("attn_output.weight", "h.%d.attn.c_proj.weight"),
            Map.entry("attn_output.bias", "h.%d.attn.c_proj.bias"),
            Map.entry("ffn_norm.weight", "h.%d.ln_2.weight"),
            Map.entry("ffn_norm.bias", "h.%d.ln_2.bias"),
            Map.entry("ffn_up.weight", "h.%d.mlp.c_fc.weight"),
            Map.entry("ffn_up.bias", "h.%d.mlp.c_fc.bias"),
            Map.entry("ffn_down.weight", "h.%d.mlp.c_proj.weight"),
            Map.entry("ffn_down.bias", "h.%d.mlp.c_proj.bias"));

    private static final Map<String, String> FALCON = Map.ofEntries(
            Map.entry("token_embd.weight", "word_embeddings.weight"),
            Map.entry("output_norm.weight", "ln_f.weight"),
            Map.entry("output_norm.bias", "ln_f.bias"),
            Map.entry("output.weight", "lm_head.weight"),
            Map.entry("attn_norm.weight", "h.%d.input_layernorm.weight"),
            Map.entry("attn_norm.bias", "h.%d.input_layernorm.bias"),
            Map.entry("attn_qkv.weight", "h.%d.self_attention.query_key_value.weight"),
            Map.entry("attn_output.weight", "h.%d.self_attention.dense.weight"),
            Map.entry("ffn_up.weight", "h.%d.mlp.dense_h_to_4h.weight"),
            Map.entry("ffn_down.weight", "h.%d.mlp.dense_4h_to_h.weight"));

    private HfTensorNames() {
    }

    /** The HF source of a GGUF-named tensor, or null when the table has no entry. */
    static Source source(Arch arch, String gguf) {
        Matcher m = BLOCK.matcher(gguf);
        String key = m.matches() ? m.group(2) : gguf;
        String pattern = switch (arch) {
            case LLAMA -> LLAMA.get(key);
            case GPT2 -> GPT2.get(key);
            case FALCON -> FALCON.get(key);
        };
        if (pattern == null || (m.matches() != pattern.contains("%d"))) return null;
        String name = m.matches() ? String.format(pattern, Integer.parseInt(m.group(1))) : pattern;
        if (name.equals("lm_head.weight")) return new Source(List.of(name), Layout.SAME);
        List<String> names = arch == Arch.LLAMA ? List.of(name) : List.of("transformer." + name, name);
        Layout layout = Layout.SAME;
        if (arch == Arch.GPT2 && key.endsWith(".weight") && !key.contains("norm") && !key.contains("embd")) layout = Layout.TRANSPOSED;
        if (arch == Arch.LLAMA && key.equals("attn_q.weight")) layout = Layout.ROPE_PERMUTED_Q;
        if (arch == Arch.LLAMA && key.equals("attn_k.weight")) layout = Layout.ROPE_PERMUTED_K;
        if (arch == Arch.FALCON && key.equals("attn_qkv.weight")) layout = Layout.FALCON_QKV;
        return new Source(names, layout);
    }
}
