package org.llmbench.serve;

import org.llmbench.LlmbenchException;

/**
 * How to serve: the model (registry name, .gguf file or Hugging Face folder) and quant, where to
 * listen, the batch (slots), context per slot, queue, prefill chunk, prefix cache and API key.
 *
 * @param ctx tokens per slot, 0 for the model's context (at most {@link #DEFAULT_MAX_CTX})
 * @param prefixCacheBytes the prefix cache's budget, -1 for half the heap left after loading (at most 4 GiB)
 * @param apiKey the key clients must send as "Authorization: Bearer", or null for none; never printed
 */
public record ServeConfig(String model, String quant, String host, int port, int maxBatch, int ctx, int queue, int prefillChunk,
                          boolean prefixCache, long prefixCacheBytes, String apiKey, int threads) {
    public static final int DEFAULT_MAX_CTX = 4096;

    public ServeConfig {
        if (port < 0 || port > 65535) throw new LlmbenchException("--port " + port + " is invalid; use 0 (any free port) to 65535.");
        if (maxBatch < 1 || maxBatch > 256) throw new LlmbenchException("--max-batch " + maxBatch + " is invalid; use 1 to 256 slots.");
        if (ctx < 0) throw new LlmbenchException("--ctx " + ctx + " is invalid; give a positive number of tokens (or leave it out for the model's context).");
        if (queue < 0 || queue > 100_000) throw new LlmbenchException("--queue " + queue + " is invalid; use 0 to 100000 waiting requests.");
        if (prefillChunk < 1) throw new LlmbenchException("--prefill-chunk " + prefillChunk + " is invalid; give at least 1 token per step.");
        if (threads < 1) throw new LlmbenchException("--threads " + threads + " is invalid; it must be at least 1.");
        if (apiKey != null && apiKey.isEmpty()) throw new LlmbenchException("The API key is empty; set the environment variable to a non-empty key.");
    }

    /** Defaults for a model: 127.0.0.1:8080, 8 slots, the model's context, a queue of 64, prefill chunks of 256, prefix cache on. */
    public static ServeConfig defaults(String model) {
        return new ServeConfig(model, "fp32", "127.0.0.1", 8080, 8, 0, 64, 256, true, -1, null, Runtime.getRuntime().availableProcessors());
    }

    public ServeConfig withPort(int p) {
        return new ServeConfig(model, quant, host, p, maxBatch, ctx, queue, prefillChunk, prefixCache, prefixCacheBytes, apiKey, threads);
    }

    /** Never shows the API key. */
    @Override
    public String toString() {
        return "ServeConfig[model=" + model + ", quant=" + quant + ", " + host + ":" + port + ", maxBatch=" + maxBatch + ", ctx=" + ctx + ", queue=" + queue
                + ", prefillChunk=" + prefillChunk + ", prefixCache=" + prefixCache + ", prefixCacheBytes=" + prefixCacheBytes
                + ", apiKey=" + (apiKey == null ? "none" : "set") + ", threads=" + threads + "]";
    }
}
