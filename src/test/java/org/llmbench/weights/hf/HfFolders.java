package org.llmbench.weights.hf;

import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.Bf16;
import org.llmbench.quant.Fp16;
import org.llmbench.weights.WeightSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Hugging Face folder byte by byte from GGUF-ordered weights: HF names, Q/K rows in HF's
 * order (un-permuted), GPT-2 Conv1D weights transposed, Falcon's fused rows grouped per kv head.
 * Written independently of the reader's code, as the inverse of llama.cpp's converter.
 */
final class HfFolders {
    private HfFolders() {
    }

    static Path write(WeightSource source, Path folder, String dtype, int shards) throws IOException {
        ModelSpec s = source.spec();
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("config.json"), config(s));
        Map<String, float[]> hf = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (TensorSpec t : s.tensors()) {
            float[] v = source.tensor(t.name()).toFloats();
            String name = hfName(s.arch(), t.name());
            long[] shape = t.matrix() ? new long[]{t.rows(), t.cols()} : new long[]{t.cols()};
            if (s.arch() == Arch.GPT2 && t.matrix() && !t.name().contains("embd")) {
                v = transpose(v, t.rows(), t.cols());
                shape = new long[]{t.cols(), t.rows()};
            }
            if (t.name().endsWith("attn_q.weight")) v = unpermute(v, s.heads(), t.rows(), t.cols());
            if (t.name().endsWith("attn_k.weight")) v = unpermute(v, s.kvHeads(), t.rows(), t.cols());
            if (t.name().endsWith("attn_qkv.weight") && s.arch() == Arch.FALCON) v = groupQkv(v, s);
            hf.put(name, v);
            shapes.put(name, shape);
        }
        List<String> names = new ArrayList<>(hf.keySet());
        StringBuilder index = new StringBuilder("{\"metadata\": {}, \"weight_map\": {");
        for (int k = 0; k < shards; k++) {
            String file = shards == 1 ? "model.safetensors" : String.format("model-%05d-of-%05d.safetensors", k + 1, shards);
            Map<String, float[]> part = new LinkedHashMap<>();
            for (int i = k; i < names.size(); i += shards) {
                part.put(names.get(i), hf.get(names.get(i)));
                index.append(index.charAt(index.length() - 1) == '{' ? "" : ", ").append('"').append(names.get(i)).append("\": \"").append(file).append('"');
            }
            Files.write(folder.resolve(file), safetensors(part, shapes, dtype));
        }
        if (shards > 1) Files.writeString(folder.resolve("model.safetensors.index.json"), index.append("}}").toString());
        return folder;
    }

    static byte[] safetensors(Map<String, float[]> tensors, Map<String, long[]> shapes, String dtype) {
        int width = dtype.equals("F32") ? 4 : 2;
        StringBuilder header = new StringBuilder("{\"__metadata__\": {\"format\": \"pt\"}");
        long off = 0;
        for (Map.Entry<String, float[]> e : tensors.entrySet()) {
            long end = off + (long) e.getValue().length * width;
            header.append(", \"").append(e.getKey()).append("\": {\"dtype\": \"").append(dtype).append("\", \"shape\": ")
                    .append(java.util.Arrays.toString(shapes.get(e.getKey()))).append(", \"data_offsets\": [").append(off).append(", ").append(end).append("]}");
            off = end;
        }
        header.append('}');
        while ((header.length() + 8) % 8 != 0) header.append(' ');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        for (float[] v : tensors.values()) {
            ByteBuffer b = ByteBuffer.allocate(v.length * width).order(ByteOrder.LITTLE_ENDIAN);
            for (float x : v) {
                switch (dtype) {
                    case "F32" -> b.putFloat(x);
                    case "F16" -> b.putShort(Fp16.fromFloat(x));
                    default -> b.putShort(Bf16.fromFloat(x));
                }
            }
            out.writeBytes(b.array());
        }
        return out.toByteArray();
    }

    private static String config(ModelSpec s) {
        return switch (s.arch()) {
            case LLAMA -> "{\"architectures\": [\"LlamaForCausalLM\"], \"hidden_size\": " + s.dim() + ", \"intermediate_size\": " + s.ffnDim()
                    + ", \"num_hidden_layers\": " + s.layers() + ", \"num_attention_heads\": " + s.heads() + ", \"num_key_value_heads\": " + s.kvHeads()
                    + ", \"vocab_size\": " + s.vocab() + ", \"max_position_embeddings\": " + s.maxSeq() + ", \"rms_norm_eps\": " + s.normEps()
                    + ", \"rope_theta\": " + s.ropeTheta() + ", \"tie_word_embeddings\": " + s.tiedEmbeddings() + ", \"torch_dtype\": \"float32\"}";
            case GPT2 -> "{\"architectures\": [\"GPT2LMHeadModel\"], \"n_embd\": " + s.dim() + ", \"n_layer\": " + s.layers() + ", \"n_head\": " + s.heads()
                    + ", \"n_inner\": " + (s.ffnDim() == 4 * s.dim() ? "null" : s.ffnDim()) + ", \"vocab_size\": " + s.vocab() + ", \"n_positions\": " + s.maxSeq()
                    + ", \"n_ctx\": " + s.maxSeq() + ", \"layer_norm_epsilon\": " + s.normEps() + "}";
            case FALCON -> "{\"architectures\": [\"FalconForCausalLM\"], \"hidden_size\": " + s.dim() + ", \"num_hidden_layers\": " + s.layers()
                    + ", \"num_attention_heads\": " + s.heads() + ", \"multi_query\": " + (s.kvHeads() == 1) + ", \"parallel_attn\": true, \"bias\": false"
                    + ", \"alibi\": false, \"new_decoder_architecture\": false, \"ffn_hidden_size\": " + s.ffnDim() + ", \"vocab_size\": " + s.vocab() + ", \"max_position_embeddings\": " + s.maxSeq()
                    + ", \"layer_norm_epsilon\": " + s.normEps() + ", \"rope_theta\": " + s.ropeTheta() + "}";
        };
    }

    private static String hfName(Arch arch, String gguf) {
        String[] p = gguf.split("\\.");
        boolean block = p[0].equals("blk");
        String l = block ? p[1] : null;
        String key = block ? gguf.substring(("blk." + l + ".").length()) : gguf;
        return switch (arch) {
            case LLAMA -> switch (key) {
                case "token_embd.weight" -> "model.embed_tokens.weight";
                case "output_norm.weight" -> "model.norm.weight";
                case "output.weight" -> "lm_head.weight";
                case "attn_norm.weight" -> "model.layers." + l + ".input_layernorm.weight";
                case "ffn_norm.weight" -> "model.layers." + l + ".post_attention_layernorm.weight";
                default -> "model.layers." + l + "." + (key.startsWith("attn") ? "self_attn." : "mlp.")
                        + Map.of("attn_q", "q_proj", "attn_k", "k_proj", "attn_v", "v_proj", "attn_output", "o_proj",
                        "ffn_gate", "gate_proj", "ffn_up", "up_proj", "ffn_down", "down_proj").get(key.split("\\.")[0]) + ".weight";
            };
            case GPT2 -> "transformer." + (block ? "h." + l + "." + Map.of("attn_norm", "ln_1", "attn_qkv", "attn.c_attn", "attn_output", "attn.c_proj",
                    "ffn_norm", "ln_2", "ffn_up", "mlp.c_fc", "ffn_down", "mlp.c_proj").get(key.split("\\.")[0]) + "." + key.split("\\.")[1]
                    : Map.of("token_embd", "wte", "position_embd", "wpe", "output_norm", "ln_f").get(key.split("\\.")[0]) + "." + key.split("\\.")[1]);
            case FALCON -> "transformer." + (block ? "h." + l + "." + Map.of("attn_norm", "input_layernorm", "attn_qkv", "self_attention.query_key_value",
                    "attn_output", "self_attention.dense", "ffn_up", "mlp.dense_h_to_4h", "ffn_down", "mlp.dense_4h_to_h").get(key.split("\\.")[0]) + "." + key.split("\\.")[1]
                    : Map.of("token_embd", "word_embeddings", "output_norm", "ln_f").get(key.split("\\.")[0]) + "." + key.split("\\.")[1]);
        };
    }

    private static float[] transpose(float[] v, int rows, int cols) {
        float[] t = new float[v.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = v[r * cols + c];
        return t;
    }

    /** GGUF row 2i + j of each head goes back to HF row j * half + i. */
    private static float[] unpermute(float[] v, int heads, int rows, int cols) {
        float[] out = new float[v.length];
        int hd = rows / heads, half = hd / 2;
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                for (int j = 0; j < 2; j++) System.arraycopy(v, (h * hd + 2 * i + j) * cols, out, (h * hd + j * half + i) * cols, cols);
            }
        }
        return out;
    }

    /** [all q, all k, all v] back to Falcon's per-group [q heads of group g, k_g, v_g]. */
    private static float[] groupQkv(float[] v, ModelSpec s) {
        int hd = s.headDim(), cols = s.dim(), per = s.heads() / s.kvHeads();
        float[] out = new float[v.length];
        int row = 0;
        for (int g = 0; g < s.kvHeads(); g++) {
            for (int q = 0; q < per; q++) {
                System.arraycopy(v, (g * per + q) * hd * cols, out, row * cols, hd * cols);
                row += hd;
            }
            System.arraycopy(v, (s.heads() + g) * hd * cols, out, row * cols, hd * cols);
            row += hd;
            System.arraycopy(v, (s.heads() + s.kvHeads() + g) * hd * cols, out, row * cols, hd * cols);
            row += hd;
        }
        return out;
    }
}
