package org.llmbench.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.llmbench.model.ModelRegistry;
import org.llmbench.model.ModelSpec;
import org.llmbench.weights.QuantChoice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * After a JMH run, records the quality of every quant the run measured next to its results
 * (results/&lt;session&gt;/quality.json), so speed, memory and quality can be shown side by side.
 * Done only when cheap, i.e. for models of at most {@link #MAX_PARAMETERS} parameters; for larger
 * ones it prints the command that does it.
 */
final class QualityHook {
    static final long MAX_PARAMETERS = 50_000_000L;

    private QualityHook() {
    }

    static void afterRun(Path jmhJson) {
        Set<String> models = new TreeSet<>(), quants = new TreeSet<>();
        collect(jmhJson, models, quants);
        quants.remove("fp32");
        quants.remove(QuantChoice.AUTO); // the weights as stored: fp32 for registry models, nothing to compare with
        if (models.isEmpty() || quants.isEmpty()) return;
        List<String> cheap = new ArrayList<>(), large = new ArrayList<>();
        for (String m : models) (isCheap(m) ? cheap : large).add(m);
        Path out = jmhJson.resolveSibling("quality.json");
        String q = String.join(",", quants);
        if (!cheap.isEmpty()) {
            System.out.println("llmbench: measuring quality of " + q + " vs fp32 for " + String.join(",", cheap));
            VectorModule.relaunch(new String[]{"quality", "--model", String.join(",", cheap), "--quant", q, "--out", out.toString()});
        }
        if (!large.isEmpty()) {
            Path target = cheap.isEmpty() ? out : jmhJson.resolveSibling("quality-large.json");
            System.out.println("llmbench: for quality of the larger models run: java -jar target/benchmarks.jar quality --model "
                    + String.join(",", large) + " --quant " + q + " --out " + target);
        }
    }

    private static boolean isCheap(String model) {
        try {
            ModelSpec spec = ModelRegistry.get(model);
            return spec.parameterCount() <= MAX_PARAMETERS;
        } catch (RuntimeException unknown) {
            return false; // not a registry name (e.g. a file): leave it to the user
        }
    }

    /** The model and quant params of every benchmark in a JMH JSON result file. */
    static void collect(Path jmhJson, Set<String> models, Set<String> quants) {
        try {
            for (JsonElement e : JsonParser.parseString(Files.readString(jmhJson)).getAsJsonArray()) {
                JsonObject params = e.getAsJsonObject().getAsJsonObject("params");
                if (params == null || !params.has("model") || !params.has("quant")) continue;
                if (params.has("backend") && !params.get("backend").getAsString().equals("jvm")) continue;
                models.add(params.get("model").getAsString());
                quants.add(params.get("quant").getAsString());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("llmbench: no quality record: cannot read " + jmhJson + ": " + e.getMessage());
        }
    }
}
