package org.llmbench.cli;

import org.llmbench.results.BuildInfo;
import org.llmbench.results.Machine;
import org.llmbench.results.Roofline;
import org.llmbench.results.RunEnvironment;
import org.llmbench.results.SessionFiles;
import org.llmbench.sysinfo.MachineInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

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

    static void write(Path session, List<String> jmhArgs, Roofline roofline) {
        MachineInfo m = MachineInfo.current();
        SessionFiles.writeEnvironment(session, new RunEnvironment(OffsetDateTime.now().toString(), BuildInfo.current(),
                new Machine(m.cpuModel(), m.cores(), m.memoryBytes(), m.jdk(), m.jdkVendor(), m.os(), m.arch()), List.copyOf(jmhArgs), roofline));
    }
}
