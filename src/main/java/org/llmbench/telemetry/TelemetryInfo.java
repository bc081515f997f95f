package org.llmbench.telemetry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The telemetry part of {@code sysinfo}: each NVML GPU when NVML is present, and always the CPU/JVM side. */
public final class TelemetryInfo {
    private static final double GIB = 1024.0 * 1024 * 1024, MIB = 1024.0 * 1024;

    private TelemetryInfo() {
    }

    /** Every line, GPU first; never throws. */
    public static List<String> describe() {
        List<String> lines = new ArrayList<>();
        try (Nvml nvml = Nvml.open()) {
            lines.addAll(gpuLines(nvml));
        } catch (TelemetryUnavailableException | NvmlException e) {
            lines.add("GPU:      NVML not available: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            lines.add("GPU:      NVML not available: " + e);
        }
        lines.addAll(cpuLines(RaplReader.DEFAULT_ROOT));
        return lines;
    }

    static List<String> gpuLines(Nvml nvml) {
        List<String> lines = new ArrayList<>();
        int count = nvml.deviceCount();
        lines.add("NVML:     driver " + nvml.driverVersion() + ", " + count + " device(s)");
        for (int i = 0; i < count; i++) {
            NvmlDevice d = nvml.device(i);
            lines.add(String.format(Locale.ROOT, "GPU %d:    %s, %s, power limit %s, clocks SM %s, memory %s",
                    i, d.name(), memory(d), attempt(() -> String.format(Locale.ROOT, "%.0f W", d.powerLimitWatts())),
                    clocks(d, NvmlLibrary.NVML_CLOCK_SM), clocks(d, NvmlLibrary.NVML_CLOCK_MEM)));
        }
        return lines;
    }

    private static String memory(NvmlDevice d) {
        return attempt(() -> {
            NvmlDevice.DeviceMemory m = d.memory();
            String reserved = m.reserved() >= 0 ? String.format(Locale.ROOT, ", %.1f GiB reserved", m.reserved() / GIB) : "";
            return String.format(Locale.ROOT, "memory %.1f GiB used of %.1f GiB%s", m.used() / GIB, m.total() / GIB, reserved);
        });
    }

    private static String clocks(NvmlDevice d, int type) {
        return attempt(() -> d.clockMhz(type) + "/" + d.maxClockMhz(type) + " MHz (now/max)");
    }

    private interface Reading {
        String get();
    }

    private static String attempt(Reading r) {
        try {
            return r.get();
        } catch (NvmlException e) {
            return "n/a (" + NvmlStatus.name(e.code()) + ")";
        }
    }

    static List<String> cpuLines(Path raplRoot) {
        List<String> lines = new ArrayList<>();
        ProcessReader p = new ProcessReader();
        ProcessReader.ProcessSample s = p.sample();
        lines.add(String.format(Locale.ROOT, "Process:  RSS %.0f MiB (peak %.0f MiB), heap %.0f of %.0f MiB committed, direct %.1f MiB, mapped %.1f MiB",
                s.rssBytes() / MIB, p.peakRssBytes() / MIB, s.heapUsedBytes() / MIB, s.heapCommittedBytes() / MIB,
                s.directBytes() / MIB, s.mappedBytes() / MIB));
        try {
            RaplReader r = RaplReader.open(raplRoot);
            lines.add("Energy:   RAPL package energy readable (" + r.packages() + " package(s))");
        } catch (TelemetryUnavailableException e) {
            lines.add("Energy:   RAPL not readable: " + e.getMessage());
        }
        LoadAverage load = LoadAverage.read(CpuStat.DEFAULT_PROC);
        if (load != null) { // not Linux: no load line
            lines.add(String.format(Locale.ROOT, "Load:     %.2f %.2f %.2f (1/5/15 min; benchmarks on a busy machine are noisy)",
                    load.one(), load.five(), load.fifteen()));
        }
        return lines;
    }
}
