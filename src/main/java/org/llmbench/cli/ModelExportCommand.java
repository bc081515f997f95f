package org.llmbench.cli;

import org.llmbench.quant.Quant;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.gguf.GgufWriter;
import org.llmbench.weights.resolve.WeightSources;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a model as a GGUF v3 file: a registry model (synthetic weights), a Hugging Face folder or a GGUF file.")
final class ModelExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Registry model name, Hugging Face folder or .gguf file.")
    String model;

    @Option(names = "--quant", defaultValue = "fp16", description = "fp32, fp16, bf16, int8 (Q8_0) or int4 (Q4_0) (default: ${DEFAULT-VALUE}).")
    String quant;

    @Option(names = "--out", required = true, description = "The .gguf file to create (never overwritten).")
    Path out;

    @Override
    public Integer call() {
        Quant q = Quant.parse(quant);
        GgufWriter.typeFor(q); // fail on nf4 / dynamic before generating anything
        long t0 = System.nanoTime();
        try (WeightSource source = WeightSources.open(model)) {
            long bytes = GgufWriter.write(source, q, out);
            System.out.printf(Locale.ROOT, "wrote %s: %s (%s) as %s, %d bytes (%s) in %.1f s; weights %s%n", out, source.spec().name(),
                    source.spec().arch().id(), q, bytes, ModelsCommand.bytes(bytes), (System.nanoTime() - t0) / 1e9, source.origin());
        }
        return 0;
    }
}
