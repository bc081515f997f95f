package org.llmbench.cli;

import com.google.gson.GsonBuilder;
import org.llmbench.io.AtomicFiles;
import org.llmbench.sysinfo.MachineInfo;

import java.nio.file.Path;
import java.time.OffsetDateTime;
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
        env.put("weights", "registry models run synthetic weights (seed 42) at their real shapes");
        AtomicFiles.writeNew(file, new GsonBuilder().setPrettyPrinting().create().toJson(env));
    }
}
