package org.llmbench.conversation;

import org.llmbench.results.ConversationRunInfo.SystemInfo;
import org.llmbench.sysinfo.MachineInfo;
import org.llmbench.telemetry.GpuReader;
import org.llmbench.telemetry.GpuSet;
import org.llmbench.telemetry.Nvml;

import java.util.List;

/** The machine a conversation run was made on: CPU, memory, OS and JDK (MachineInfo) and every GPU NVML sees, or why none. */
public final class SystemDescription {
    private SystemDescription() {
    }

    public static SystemInfo current() {
        MachineInfo m = MachineInfo.current();
        List<String> gpus;
        String note;
        try (GpuSet set = GpuSet.open(Nvml::open, GpuSet.ALL, line -> { })) {
            gpus = set.readers().stream().map(GpuReader::name).toList();
            note = set.unavailable();
        } catch (RuntimeException | LinkageError e) {
            gpus = List.of();
            note = e.toString();
        }
        return new SystemInfo(m.cpuModel(), m.cores(), m.memoryBytes(), m.os() + " " + m.arch(), m.jdk() + " (" + m.jdkVendor() + ")", gpus, note,
                SystemDescription.class.getPackage().getImplementationVersion());
    }
}
