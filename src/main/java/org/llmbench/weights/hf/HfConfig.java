package org.llmbench.weights.hf;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.llmbench.LlmbenchException;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A Hugging Face config.json as a {@link ModelSpec}: LlamaForCausalLM, MistralForCausalLM,
 * GPT2LMHeadModel and FalconForCausalLM (also the older RWForCausalLM keys of Falcon-7B).
 *
 * @param tiedByConfig whether config.json ties lm_head to the embedding (the folder may still lack lm_head)
 */
record HfConfig(Arch arch, String architecture, int dim, int layers, int heads, int kvHeads, int ffn, int vocab,
                int context, float ropeTheta, float eps, boolean tiedByConfig) {

    static final long MAX_CONFIG = 1 << 20;

    static HfConfig read(Path folder) {
        Path file = folder.resolve("config.json");
        JsonObject c;
        try {
            if (Files.size(file) > MAX_CONFIG) throw bad(file, "it is larger than 1 MiB");
            c = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new LlmbenchException("Folder " + folder + " has no config.json; a Hugging Face model folder holds config.json and *.safetensors.");
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read " + file + ": " + e.getMessage() + ".");
        } catch (LlmbenchException e) {
            throw e;
        } catch (RuntimeException e) {
            throw bad(file, "it is not a JSON object");
        }
        String architecture = c.has("architectures") && c.get("architectures").isJsonArray() && c.getAsJsonArray("architectures").size() > 0
                ? c.getAsJsonArray("architectures").get(0).getAsString() : String.valueOf(str(c, "model_type"));
        try {
            return switch (architecture) {
                case "LlamaForCausalLM", "MistralForCausalLM", "llama", "mistral" -> llama(file, c, architecture);
                case "GPT2LMHeadModel", "gpt2" -> gpt2(file, c, architecture);
                case "FalconForCausalLM", "RWForCausalLM", "falcon", "RefinedWebModel", "RefinedWeb" -> falcon(file, c, architecture);
                default -> throw bad(file, "architecture " + architecture + " is not supported (llmbench reads LlamaForCausalLM, MistralForCausalLM, GPT2LMHeadModel, FalconForCausalLM)");
            };
        } catch (LlmbenchException e) {
            throw e;
        } catch (RuntimeException e) {
            throw bad(file, "a value has the wrong type (" + e.getMessage() + ")");
        }
    }

    private static HfConfig llama(Path file, JsonObject c, String architecture) {
        int dim = integer(file, c, "hidden_size");
        int heads = integer(file, c, "num_attention_heads");
        int kv = c.has("num_key_value_heads") && !c.get("num_key_value_heads").isJsonNull() ? integer(file, c, "num_key_value_heads") : heads;
        if (c.has("head_dim") && !c.get("head_dim").isJsonNull() && c.get("head_dim").getAsInt() * heads != dim) {
            throw bad(file, "head_dim " + c.get("head_dim") + " x " + heads + " heads differs from hidden_size " + dim + ", which llmbench does not run");
        }
        return new HfConfig(Arch.LLAMA, architecture, dim, integer(file, c, "num_hidden_layers"), heads, kv,
                integer(file, c, "intermediate_size"), integer(file, c, "vocab_size"),
                c.has("max_position_embeddings") ? integer(file, c, "max_position_embeddings") : 2048,
                (float) number(c, "rope_theta", 10000), (float) number(c, "rms_norm_eps", 1e-6), bool(c, "tie_word_embeddings", false));
    }

    private static HfConfig gpt2(Path file, JsonObject c, String architecture) {
        int dim = integer(file, c, "n_embd");
        int ffn = c.has("n_inner") && !c.get("n_inner").isJsonNull() ? c.get("n_inner").getAsInt() : 4 * dim;
        return new HfConfig(Arch.GPT2, architecture, dim, integer(file, c, "n_layer"), integer(file, c, "n_head"),
                integer(file, c, "n_head"), ffn, integer(file, c, "vocab_size"),
                integer(file, c, c.has("n_positions") ? "n_positions" : "n_ctx"), 0f,
                (float) number(c, "layer_norm_epsilon", 1e-5), bool(c, "tie_word_embeddings", true));
    }

    private static HfConfig falcon(Path file, JsonObject c, String architecture) {
        if (bool(c, "new_decoder_architecture", false)) throw bad(file, "it is a Falcon-40B-style model (new_decoder_architecture), which llmbench does not run; Falcon-7B-style models run");
        if (bool(c, "alibi", false)) throw bad(file, "it uses ALiBi positions, which llmbench does not run (it runs RoPE Falcon models)");
        if (!bool(c, "parallel_attn", true)) throw bad(file, "parallel_attn is false, which llmbench does not run");
        if (bool(c, "bias", false)) throw bad(file, "its linear layers have biases (bias: true), which llmbench does not run for Falcon");
        int dim = integer(file, c, "hidden_size");
        int heads = integer(file, c, c.has("num_attention_heads") ? "num_attention_heads" : "n_head");
        int layers = integer(file, c, c.has("num_hidden_layers") ? "num_hidden_layers" : "n_layer");
        int kv = bool(c, "multi_query", true) ? 1 : heads;
        int ffn = c.has("ffn_hidden_size") && !c.get("ffn_hidden_size").isJsonNull() ? integer(file, c, "ffn_hidden_size") : 4 * dim;
        return new HfConfig(Arch.FALCON, architecture, dim, layers, heads, kv, ffn, integer(file, c, "vocab_size"),
                c.has("max_position_embeddings") ? integer(file, c, "max_position_embeddings") : 2048,
                (float) number(c, "rope_theta", 10000), (float) number(c, "layer_norm_epsilon", 1e-5), bool(c, "tie_word_embeddings", true));
    }

    ModelSpec spec(String name, boolean tied) {
        if (heads < 1 || kvHeads < 1 || dim % heads != 0 || heads % kvHeads != 0) {
            throw new LlmbenchException("config.json of " + name + " is invalid: hidden size " + dim + ", " + heads + " heads and " + kvHeads + " key-value heads do not divide evenly.");
        }
        return new ModelSpec(name, arch, dim, layers, heads, kvHeads, ffn, vocab, context, ropeTheta, eps, tied);
    }

    private static int integer(Path file, JsonObject c, String key) {
        JsonElement e = c.get(key);
        if (e == null || e.isJsonNull()) throw bad(file, "it has no " + key);
        long v = e.getAsLong();
        if (v < 1 || v > 1 << 24) throw bad(file, key + " is " + v + " (expected 1 to " + (1 << 24) + ")");
        return (int) v;
    }

    private static double number(JsonObject c, String key, double dflt) {
        JsonElement e = c.get(key);
        return e == null || e.isJsonNull() ? dflt : e.getAsDouble();
    }

    private static boolean bool(JsonObject c, String key, boolean dflt) {
        JsonElement e = c.get(key);
        return e == null || e.isJsonNull() ? dflt : e.getAsBoolean();
    }

    private static String str(JsonObject c, String key) {
        JsonElement e = c.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    static LlmbenchException bad(Path file, String problem) {
        return new LlmbenchException("Hugging Face config " + file + " is invalid: " + problem + ".");
    }
}
