package org.llmbench.cli;

import org.llmbench.monitor.Monitor;
import org.llmbench.monitor.MonitorOptions;
import org.llmbench.monitor.MonitorSources;
import org.llmbench.telemetry.GpuSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Watch the machine live: per-core CPU use and frequency, load, memory, top processes, CPU package power, "
                + "and per GPU utilisation, memory, temperature, power against its limit, clocks and throttle reasons. "
                + "Full screen in a terminal (q or Ctrl-C quits); one line per interval with --simple or when stdout is not a terminal.")
final class MonitorCommand implements Callable<Integer> {
    @Option(names = "--interval", paramLabel = "TIME", defaultValue = "1s", description = "Time between samples, e.g. 500ms, 1s, 5s (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long, e.g. 30s, 10m, 2h (default: until q or Ctrl-C).")
    String duration;

    @Option(names = "--simple", description = "One plain line per interval instead of the full-screen view.")
    boolean simple;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also append every sample to this CSV file (it must not exist yet).")
    Path csv;

    @Option(names = "--device", paramLabel = "N", description = "Show only NVML GPU N (default: every GPU).")
    Integer device;

    /** Where the readings come from; tests point it at a fake /proc and sysfs tree and the NVML stub. */
    MonitorSources sources = MonitorSources.system();

    @Override
    public Integer call() {
        if (device != null && device < 0) {
            throw new org.llmbench.LlmbenchException("--device " + device + " is invalid; give an NVML GPU index (0, 1, ...).");
        }
        MonitorOptions options = new MonitorOptions(MonitorOptions.parseDuration("--interval", interval),
                duration == null ? null : MonitorOptions.parseDuration("--duration", duration), simple, csv,
                device == null ? GpuSet.ALL : device);
        Monitor.run(options, sources, System.out, System.err);
        return 0;
    }
}
