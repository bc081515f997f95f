package org.llmbench.cli;

import com.google.gson.GsonBuilder;
import org.llmbench.io.AtomicFiles;
import org.llmbench.model.ModelRegistry;
import org.llmbench.sysinfo.MachineInfo;

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
        write(file, jmhArgs, Map.of());
    }

    /** With more entries (a suite's name, order and seed); one named like a default entry replaces it. */
    static void write(Path file, List<String> jmhArgs, Map<String, Object> extra) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("started", OffsetDateTime.now().toString());
        env.put("llmbench", Main.class.getPackage().getImplementationVersion());
        env.put("machine", MachineInfo.current());
        env.put("jmhArgs", jmhArgs);
        env.put("weights", weightOrigins(jmhArgs));
        env.putAll(extra);
        AtomicFiles.writeNew(file, new GsonBuilder().setPrettyPrinting().create().toJson(env));
    }

    /** The sidecar of an endpoint run: when, the client machine and JDK, and the arguments (which never hold a key). */
    static void writeForEndpoint(Path file, List<String> arguments) {
        writeForEndpoint(file, arguments, "endpoint");
    }

    /** The same for another run that talks to servers ({@code kind} "conversation"). */
    static void writeForEndpoint(Path file, List<String> arguments, String kind) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("started", OffsetDateTime.now().toString());
        env.put("llmbench", Main.class.getPackage().getImplementationVersion());
        env.put("machine", MachineInfo.current());
        env.put("arguments", arguments);
        env.put("kind", kind);
        AtomicFiles.writeNew(file, new GsonBuilder().setPrettyPrinting().create().toJson(env));
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
        for (String m : models) {
            origins.put(m, ModelRegistry.contains(m) ? "synthetic (seed 42) at the registry's real shapes"
                    : "file " + Path.of(m).toAbsolutePath().normalize());
        }
        return origins;
    }
}
