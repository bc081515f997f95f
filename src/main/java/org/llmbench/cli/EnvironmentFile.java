package org.llmbench.cli;

import org.llmbench.results.BuildInfo;
import org.llmbench.results.Machine;
import org.llmbench.results.RunEnvironment;
import org.llmbench.results.SessionFiles;
import org.llmbench.sysinfo.MachineInfo;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/** env.json of a session: when, where, by which build and with which arguments it was run. */
final class EnvironmentFile {
    private EnvironmentFile() {
    }

    static void write(Path session, List<String> jmhArgs) {
        MachineInfo m = MachineInfo.current();
        SessionFiles.writeEnvironment(session, new RunEnvironment(OffsetDateTime.now().toString(), BuildInfo.current(),
                new Machine(m.cpuModel(), m.cores(), m.memoryBytes(), m.jdk(), m.jdkVendor(), m.os(), m.arch()), List.copyOf(jmhArgs), null));
    }
}
