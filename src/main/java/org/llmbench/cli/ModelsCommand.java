package org.llmbench.cli;

import org.llmbench.model.ModelRegistry;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.StoragePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "models", mixinStandardHelpOptions = true, subcommands = ModelExportCommand.class,
        description = "List the registry's models: architecture, shapes, parameters and weight bytes per quant.")
final class ModelsCommand implements Callable<Integer> {
    @Option(names = "--inspect", paramLabel = "PATH", description = "Describe a .gguf file or Hugging Face folder (or registry model) instead.")
    String inspect;

    @Option(names = "--tensors", description = "With --inspect: list every tensor.")
    boolean tensors;

    @Override
    public Integer call() {
        if (inspect != null) {
            ModelInspection.print(inspect, tensors, System.out);
            return 0;
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-15s %-6s %8s %6s %5s %7s %6s %6s %6s",
                "model", "arch", "params", "layers", "dim", "heads", "ffn", "vocab", "ctx"));
        for (Quant q : Quant.values()) head.append(String.format(Locale.ROOT, " %8s", q.id()));
        System.out.println(head);
        for (ModelSpec m : ModelRegistry.all().values()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-15s %-6s %8s %6d %5d %7s %6d %6d %6d",
                    m.name(), m.arch().id(), count(m.parameterCount()), m.layers(), m.dim(),
                    m.heads() + "/" + m.kvHeads(), m.ffnDim(), m.vocab(), m.maxSeq()));
            for (Quant q : Quant.values()) row.append(String.format(Locale.ROOT, " %8s", bytes(StoragePlan.weightBytes(m, q))));
            System.out.println(row);
        }
        System.out.println("heads = query/key-value heads; weight bytes are exact (GB = 1e9 bytes); vectors and GPT-2 positions stay fp32.");
        return 0;
    }

    static String count(long n) {
        return n >= 1e9 ? String.format(Locale.ROOT, "%.2fB", n / 1e9) : String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }

    static String bytes(long b) {
        return b >= 1e9 ? String.format(Locale.ROOT, "%.2fGB", b / 1e9) : String.format(Locale.ROOT, "%.1fMB", b / 1e6);
    }
}
