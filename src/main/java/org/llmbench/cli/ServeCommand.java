package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.serve.LlmServer;
import org.llmbench.serve.ServeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a model through an OpenAI-compatible HTTP API (continuous batching, prefix cache, /metrics); see docs/SERVE.md.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Registry model name (see 'models'), .gguf file or Hugging Face folder.")
    String model;

    @Option(names = "--quant", defaultValue = "auto", description = "Weight quant, or auto: the weights as stored (default: ${DEFAULT-VALUE}).")
    String quant;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--max-batch", defaultValue = "8", description = "Slots: requests decoded together (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--ctx", defaultValue = "0", description = "Tokens per slot, prompt plus output (default: the model's context, at most 4096); more than the model was trained for works for rotary-position models (speed measurements at long contexts).")
    int ctx;

    @Option(names = "--queue", defaultValue = "64", description = "Requests that may wait for a slot; more get 503 (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--prefill-chunk", defaultValue = "256", description = "Prompt tokens run per scheduler step, beside the decoding requests (default: ${DEFAULT-VALUE}).")
    int prefillChunk;

    @Option(names = "--prefix-cache", defaultValue = "on", description = "on or off: reuse the KV cache of prompt prefixes seen before (default: ${DEFAULT-VALUE}).")
    String prefixCache;

    @Option(names = "--prefix-cache-mib", description = "Prefix cache budget in MiB (default: half the heap left after loading, at most 4096).")
    Long prefixCacheMib;

    @Option(names = "--api-key-env", description = "Name of an environment variable holding the API key clients must send (Authorization: Bearer).")
    String apiKeyEnv;

    @Option(names = "--threads", description = "Engine worker threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        String cache = prefixCache.toLowerCase(Locale.ROOT);
        if (!cache.equals("on") && !cache.equals("off")) throw new LlmbenchException("--prefix-cache " + prefixCache + " is invalid; use on or off.");
        if (prefixCacheMib != null && prefixCacheMib < 0) throw new LlmbenchException("--prefix-cache-mib " + prefixCacheMib + " is invalid; give 0 or more MiB.");
        String key = null;
        if (apiKeyEnv != null) {
            key = System.getenv(apiKeyEnv);
            if (key == null || key.isEmpty()) {
                throw new LlmbenchException("--api-key-env " + apiKeyEnv + " names an environment variable that is unset or empty; set it to the key clients must send.");
            }
        }
        ServeConfig config = new ServeConfig(model, quant, host, port, maxBatch, ctx, queue, prefillChunk, cache.equals("on"),
                prefixCacheMib == null ? -1 : prefixCacheMib << 20, key, threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        LlmServer server = LlmServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // SIGTERM, Ctrl-C
            server.close();
            System.out.println("llmbench serve: stopped");
        }, "llmbench-serve-stop"));
        System.out.println(server.infoLine());
        System.out.println(server.readyLine());
        System.out.flush();
        server.join();
        return 0;
    }
}
