package org.llmbench.telemetry;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The telemetry sources this process can read, probed once: one NVML device (optional), RAPL
 * package energy (optional) and the process itself (always). A missing source is said once
 * through the log and skipped; opening never throws.
 */
public final class Telemetry implements AutoCloseable {
    public static final String NO_NVML = "NVML not available: GPU metrics skipped";

    private final Nvml nvml;
    private final GpuReader gpu;
    private final RaplReader rapl;
    private final ProcessReader process = new ProcessReader();

    private Telemetry(Nvml nvml, GpuReader gpu, RaplReader rapl) {
        this.nvml = nvml;
        this.gpu = gpu;
        this.rapl = rapl;
    }

    /** Probes the system's NVML (device index {@code device}) and RAPL under /sys/class/powercap. */
    public static Telemetry open(int device, Consumer<String> log) {
        return open(device, RaplReader.DEFAULT_ROOT, log);
    }

    public static Telemetry open(int device, Path raplRoot, Consumer<String> log) {
        return open(device, Nvml::open, raplRoot, log);
    }

    /** With the NVML opener given, so tests can hand in a stub library or a failing load. */
    static Telemetry open(int device, Supplier<Nvml> opener, Path raplRoot, Consumer<String> log) {
        Nvml nvml = null;
        GpuReader gpu = null;
        try {
            nvml = opener.get();
            int count = nvml.deviceCount();
            if (device >= count) {
                log.accept(NO_NVML + " (device " + device + " requested, NVML sees " + count + " device(s))");
            } else {
                gpu = new GpuReader(nvml.device(device), log);
            }
        } catch (TelemetryUnavailableException | NvmlException e) {
            log.accept(NO_NVML + " (" + e.getMessage() + ")");
        } catch (RuntimeException | LinkageError e) { // a broken JNA or driver must not fail a benchmark
            log.accept(NO_NVML + " (" + e + ")");
        }
        if (gpu == null && nvml != null) {
            nvml.close();
            nvml = null;
        }
        RaplReader rapl = null;
        try {
            rapl = RaplReader.open(raplRoot);
        } catch (TelemetryUnavailableException e) {
            log.accept("RAPL not readable: CPU package energy skipped (" + e.getMessage() + ")");
        }
        return new Telemetry(nvml, gpu, rapl);
    }

    /** The sampled GPU, or null without NVML or without that device. */
    public GpuReader gpu() {
        return gpu;
    }

    /** RAPL package energy, or null where unreadable. */
    public RaplReader rapl() {
        return rapl;
    }

    public ProcessReader process() {
        return process;
    }

    @Override
    public void close() {
        if (nvml != null) nvml.close();
    }
}
