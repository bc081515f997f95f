package org.llmbench.cli;

import com.google.gson.GsonBuilder;
import org.llmbench.io.AtomicFiles;
import org.llmbench.model.ModelRegistry;
import org.llmbench.sysinfo.MachineInfo;
import org.llmbench.weights.QuantChoice;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.resolve.WeightSources;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sidecar next to a session's JMH JSON: when, where and how it was run. */
final class EnvironmentFile {
    private EnvironmentFile() {
    }

    static void write(Path file, List<String> jmhArgs) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("started", OffsetDateTime.now().toString());
        env.put("llmbench", Main.class.getPackage().getImplementationVersion());
        env.put("machine", MachineInfo.current());
        env.put("jmhArgs", jmhArgs);
        env.put("weights", weightOrigins(jmhArgs));
        Map<String, String> resolved = autoQuants(jmhArgs);
        if (!resolved.isEmpty()) env.put("quantAuto", resolved);
        AtomicFiles.writeNew(file, new GsonBuilder().setPrettyPrinting().create().toJson(env));
    }

    /**
     * For each model the run names, the quant that "auto" (the default of the engine benchmarks)
     * runs and why: empty when the run names only other quants.
     */
    static Map<String, String> autoQuants(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> quants = values(args, "quant");
        if (!quants.isEmpty() && quants.stream().noneMatch(QuantChoice::isAuto)) return out;
        List<String> models = values(args, "model");
        if (models.isEmpty()) models.add("llama-tiny");
        for (String m : models) {
            try (WeightSource source = WeightSources.open(m)) {
                out.put(m, QuantChoice.describe(QuantChoice.AUTO, source));
            } catch (RuntimeException e) {
                out.put(m, "not resolved: " + e.getMessage());
            }
        }
        return out;
    }

    /** The values of every -p name=... of the run. */
    private static List<String> values(List<String> args, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-p") && args.get(i + 1).startsWith(name + "=")) {
                values.addAll(List.of(args.get(i + 1).substring(name.length() + 1).split(",")));
            }
        }
        return values;
    }

    /** For each model the run names (-p model=..., else the benchmarks' default), where its weights come from. */
    private static Map<String, String> weightOrigins(List<String> args) {
        List<String> models = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-p") && args.get(i + 1).startsWith("model=")) {
                models.addAll(List.of(args.get(i + 1).substring("model=".length()).split(",")));
            }
        }
        if (models.isEmpty()) models.add("llama-tiny");
        Map<String, String> origins = new LinkedHashMap<>();
        for (String m : models) {
            origins.put(m, ModelRegistry.contains(m) ? "synthetic (seed 42) at the registry's real shapes"
                    : "file " + Path.of(m).toAbsolutePath().normalize());
        }
        return origins;
    }
}
