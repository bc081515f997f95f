package org.llmbench.monitor;

import org.llmbench.telemetry.CpuFrequencies;
import org.llmbench.telemetry.CpuStat;
import org.llmbench.telemetry.Nvml;
import org.llmbench.telemetry.RaplReader;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Where the monitor reads from: the /proc and /sys roots, the powercap root for RAPL, and how to
 * open NVML. Tests point these at a fake tree and the NVML stub.
 */
public record MonitorSources(Path proc, Path sys, Path powercap, Supplier<Nvml> nvml) {

    /** This machine: /proc, /sys, /sys/class/powercap and the system's libnvidia-ml. */
    public static MonitorSources system() {
        return new MonitorSources(CpuStat.DEFAULT_PROC, CpuFrequencies.DEFAULT_SYS, RaplReader.DEFAULT_ROOT, Nvml::open);
    }
}
