package org.llmbench.cli;

import org.llmbench.results.BuildInfo;
import org.llmbench.results.Machine;
import org.llmbench.results.Roofline;
import org.llmbench.results.RunEnvironment;
import org.llmbench.results.SessionFiles;
import org.llmbench.sysinfo.MachineInfo;
import org.llmbench.weights.QuantChoice;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.resolve.WeightSources;

import com.google.gson.JsonObject;
import org.llmbench.io.AtomicFiles;
import org.llmbench.model.ModelRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** env.json of a session: when, where, by which build and with which arguments it was run. */
final class EnvironmentFile {
    private EnvironmentFile() {
    }

    /**
     * The machine's triad bandwidth and peak FLOPS, measured in a JVM of its own (it needs the Vector
     * API) before the benchmarks start; null, with one line saying why, when it cannot be measured.
     */
    static Roofline measureRoofline() {
        System.out.println("llmbench: measuring this machine's triad bandwidth and peak FLOPS for the Kernel and Matmul charts");
        try {
            Path tmp = Files.createTempDirectory("llmbench-roofline");
            Path json = tmp.resolve("roofline.json");
            try {
                int code = VectorModule.relaunch(new String[]{"sysinfo", "--roofline-json", json.toString()});
                if (code != 0 || !Files.exists(json)) {
                    System.out.println("llmbench: no roofline (the measurement exited with " + code + "); the charts go without it");
                    return null;
                }
                return SessionFiles.GSON.fromJson(Files.readString(json), Roofline.class);
            } finally {
                Files.deleteIfExists(json);
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("llmbench: no roofline (" + e.getMessage() + "); the charts go without it");
            return null;
        }
    }

    static void write(Path file, List<String> jmhArgs) {
        write(file, jmhArgs, null, Map.of());
    }

    /** With more entries (a suite's name, order and seed); one named like a default entry replaces it. */
    static void write(Path file, List<String> jmhArgs, Map<String, Object> extra) {
        write(file, jmhArgs, null, extra);
    }

    /** env.json ({@link RunEnvironment}), plus {@code extra} entries beside the schema's. */
    static void write(Path file, List<String> jmhArgs, Roofline roofline, Map<String, Object> extra) {
        MachineInfo m = MachineInfo.current();
        RunEnvironment env = new RunEnvironment(OffsetDateTime.now().toString(), BuildInfo.current(),
                new Machine(m.cpuModel(), m.cores(), m.memoryBytes(), m.jdk(), m.jdkVendor(), m.os(), m.arch()), List.copyOf(jmhArgs), roofline);
        if (extra.isEmpty()) {
            SessionFiles.writeEnvironment(file.getParent(), env);
            return;
        }
        JsonObject o = SessionFiles.GSON.toJsonTree(env).getAsJsonObject();
        extra.forEach((k, v) -> o.add(k, SessionFiles.GSON.toJsonTree(v)));
        AtomicFiles.writeNew(file, SessionFiles.GSON.toJson(o));
    }

    /** The sidecar of an endpoint run: the schema's env.json (build, client machine, JDK, arguments — which never hold a key), kind "endpoint". */
    static void writeForEndpoint(Path file, List<String> arguments) {
        writeForEndpoint(file, arguments, "endpoint");
    }

    /** The same for another run that talks to servers ({@code kind} "conversation"). */
    static void writeForEndpoint(Path file, List<String> arguments, String kind) {
        write(file, arguments, null, Map.of("kind", kind));
    }

    /**
     * env.json's "quantAuto" entry: for each model a configuration runs at quant auto (the default of
     * the engine benchmarks), the quant that ran and why; empty when no configuration does.
     */
    static Map<String, Object> autoQuants(List<RunPlan.Configuration> configurations) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (RunPlan.Configuration c : configurations) {
            String model = c.params().get("model");
            if (model == null || !QuantChoice.isAuto(c.params().get("quant")) || resolved.containsKey(model)) continue;
            try (WeightSource source = WeightSources.open(model)) {
                resolved.put(model, QuantChoice.describe(QuantChoice.AUTO, source));
            } catch (RuntimeException e) {
                resolved.put(model, "not resolved: " + e.getMessage());
            }
        }
        return resolved.isEmpty() ? Map.of() : Map.of("quantAuto", resolved);
    }

    /** For each model the run names (-p model=..., else the benchmarks' default), where its weights come from. */
    static Map<String, String> weightOrigins(List<String> args) {
        List<String> models = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-p") && args.get(i + 1).startsWith("model=")) {
                models.addAll(List.of(args.get(i + 1).substring("model=".length()).split(",")));
            }
        }
        if (models.isEmpty()) models.add("llama-tiny");
        Map<String, String> origins = new LinkedHashMap<>();
        for (String model : models) {
            origins.put(model, ModelRegistry.contains(model) ? "synthetic (seed 42) at the registry's real shapes"
                    : "file " + Path.of(model).toAbsolutePath().normalize());
        }
        return origins;
    }
}
