package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.engine.Engine;
import org.llmbench.engine.Sampler;
import org.llmbench.engine.Session;
import org.llmbench.quant.Quant;
import org.llmbench.weights.LoadProgress;
import org.llmbench.weights.QuantChoice;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.resolve.WeightSources;
import org.llmbench.workload.Backend;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate tokens from prompt token ids; prints the generated ids, then TTFT and decode speed.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Registry model name (see 'models'), .gguf file or Hugging Face folder.")
    String model;

    @Option(names = "--quant", defaultValue = "auto", description = "Weight quant, or auto: the weights as stored (default: ${DEFAULT-VALUE}).")
    String quant;

    @Option(names = "--backend", defaultValue = "jvm", description = "Engine backend (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--prompt-tokens", required = true, split = ",", description = "Prompt token ids, used exactly as given (no BOS is added).")
    int[] promptTokens;

    @Option(names = "--max-tokens", defaultValue = "16", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default); above 0 samples with --seed.")
    float temperature;

    @Option(names = "--seed", defaultValue = "42", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        if (maxTokens < 1) throw new LlmbenchException("--max-tokens " + maxTokens + " is invalid; it must be at least 1.");
        QuantChoice.validate(quant);
        Backend be = Backend.parse(backend);
        Sampler sampler = new Sampler(temperature, seed);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) throw new LlmbenchException("--threads " + nThreads + " is invalid; it must be at least 1.");
        int positions = promptTokens.length + maxTokens - 1; // the last token is never fed back
        int context = WeightSources.spec(model).maxSeq();
        if (positions > context) {
            throw new LlmbenchException(promptTokens.length + " prompt tokens + " + maxTokens + " new tokens exceed the "
                    + context + "-token context of " + model + ".");
        }
        WeightSource opened = WeightSources.open(model);
        Quant q = QuantChoice.resolve(quant, opened); // auto: the weights as stored
        try (LoadProgress source = new LoadProgress(opened, model + " at " + q.id(), System.err); // stdout is for the tokens
             Engine engine = load(be, source, q, nThreads);
             Session session = engine.newSession(1, positions)) {
            int vocab = engine.spec().vocab();
            int[] next = new int[1];
            int[] out = new int[maxTokens];
            long t0 = System.nanoTime();
            sampler.sample(session.prefill(new int[][]{promptTokens}), vocab, next);
            long t1 = System.nanoTime();
            out[0] = next[0];
            for (int i = 1; i < maxTokens; i++) {
                sampler.sample(session.decode(next), vocab, next);
                out[i] = next[0];
            }
            long t2 = System.nanoTime();
            StringJoiner ids = new StringJoiner(" ");
            Arrays.stream(out).forEach(t -> ids.add(Integer.toString(t)));
            System.out.println(ids);
            System.out.printf(Locale.ROOT, "TTFT: %.1f ms (prefill of %d tokens + first token)%n", (t1 - t0) / 1e6, promptTokens.length);
            if (maxTokens > 1) {
                System.out.printf(Locale.ROOT, "decode: %.2f tokens/s (%d tokens after the first)%n", (maxTokens - 1) / ((t2 - t1) / 1e9), maxTokens - 1);
            } else {
                System.out.println("decode: n/a (one token generated)");
            }
            System.out.println("model: " + engine.spec().name() + ", quant " + QuantChoice.describe(quant, source) + ", backend " + be.id() + ", " + nThreads
                    + " threads, weights " + source.origin());
            String conversion = source.conversion(q);
            if (conversion != null) System.out.println("note: " + conversion);
        }
        return 0;
    }

    private static Engine load(Backend be, LoadProgress source, Quant q, int nThreads) {
        Engine engine = be.load(source, q, nThreads);
        source.finished();
        return engine;
    }
}
