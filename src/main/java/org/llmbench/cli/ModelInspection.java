package org.llmbench.cli;

import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.gguf.GgufFile;
import org.llmbench.weights.gguf.GgufTensorInfo;
import org.llmbench.weights.gguf.GgufWeights;
import org.llmbench.weights.hf.HfWeights;
import org.llmbench.weights.resolve.WeightSources;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Prints what a model file or folder holds: architecture, shapes, tensor types, parameters and bytes. */
final class ModelInspection {
    private ModelInspection() {
    }

    static void print(String model, boolean listTensors, PrintStream out) {
        try (WeightSource source = WeightSources.open(model)) {
            ModelSpec s = source.spec();
            out.println("source:     " + source.origin());
            out.printf(Locale.ROOT, "model:      %s (%s)%n", s.name(), s.arch().id());
            out.printf(Locale.ROOT, "shape:      dim %d, layers %d, heads %d/%d (query/kv), head size %d, ffn %d, vocab %d, context %d%n",
                    s.dim(), s.layers(), s.heads(), s.kvHeads(), s.headDim(), s.ffnDim(), s.vocab(), s.maxSeq());
            out.printf(Locale.ROOT, "norm eps %s, rope theta %s, tied embeddings %s%n", s.normEps(), s.ropeTheta(), s.tiedEmbeddings());
            out.printf(Locale.ROOT, "parameters: %d (%s)%n", s.parameterCount(), ModelsCommand.count(s.parameterCount()));
            Map<String, long[]> byType = new TreeMap<>(); // type -> {tensors, parameters, bytes}
            StringBuilder rows = new StringBuilder();
            if (source instanceof GgufWeights g) {
                GgufFile f = g.file();
                out.printf(Locale.ROOT, "GGUF:       version %d, %d metadata keys, %d tensors, data at byte %d, alignment %d%n",
                        f.version(), f.metadata().size(), f.tensors().size(), f.dataOffset(), f.alignment());
                for (String key : new String[]{"general.name", "general.file_type", "tokenizer.ggml.model", "tokenizer.ggml.tokens"}) {
                    if (f.metadata().containsKey(key)) out.println("  " + key + " = " + f.metadata().get(key));
                }
                for (GgufTensorInfo t : f.tensors().values()) {
                    long[] acc = byType.computeIfAbsent(t.typeName(), k -> new long[3]);
                    acc[0]++;
                    acc[1] += t.elements();
                    acc[2] += Math.max(0, t.bytes());
                    rows.append(String.format(Locale.ROOT, "  %-32s %-8s %-18s %12d bytes%n", t.name(), t.typeName(), t.shape(), t.bytes()));
                }
            } else if (source instanceof HfWeights h) {
                Map<String, String> dtypes = h.storedTypes();
                for (TensorSpec t : s.tensors()) {
                    String type = dtypes.get(t.name());
                    long bytes = t.elements() * (type.equals("F32") ? 4 : 2);
                    long[] acc = byType.computeIfAbsent(type, k -> new long[3]);
                    acc[0]++;
                    acc[1] += t.elements();
                    acc[2] += bytes;
                    rows.append(String.format(Locale.ROOT, "  %-32s %-8s %-18s %12d bytes%n", t.name(), type,
                            t.matrix() ? "[" + t.cols() + ", " + t.rows() + "]" : "[" + t.cols() + "]", bytes));
                }
            }
            long total = 0;
            for (Map.Entry<String, long[]> e : byType.entrySet()) {
                out.printf(Locale.ROOT, "  %-8s %5d tensors %14d values %12s%n", e.getKey(), e.getValue()[0], e.getValue()[1], ModelsCommand.bytes(e.getValue()[2]));
                total += e.getValue()[2];
            }
            if (!byType.isEmpty()) out.println("weight bytes: " + total + " (" + ModelsCommand.bytes(total) + ")");
            if (listTensors) out.print(rows.length() > 0 ? "tensors (GGUF names, shape as GGUF ne):\n" + rows : "");
        }
    }
}
