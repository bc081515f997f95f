package org.llmbench.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every NVML GPU of the machine (or one chosen one), each behind a {@link GpuReader}. Without NVML
 * the set is empty and {@link #unavailable()} says why in one line; opening never throws for that.
 */
public final class GpuSet implements AutoCloseable {
    public static final int ALL = -1;

    private final Nvml nvml;
    private final List<GpuReader> readers;
    private final String unavailable;

    private GpuSet(Nvml nvml, List<GpuReader> readers, String unavailable) {
        this.nvml = nvml;
        this.readers = readers;
        this.unavailable = unavailable;
    }

    /**
     * @param opener {@code Nvml::open} for the system's library (tests hand in a stub)
     * @param device an NVML index, or {@link #ALL}
     * @throws IllegalArgumentException when NVML works but has no such device
     */
    public static GpuSet open(Supplier<Nvml> opener, int device, Consumer<String> log) {
        Nvml nvml;
        try {
            nvml = opener.get();
        } catch (TelemetryUnavailableException | NvmlException e) {
            return new GpuSet(null, List.of(), e.getMessage());
        } catch (RuntimeException | LinkageError e) { // a broken JNA or driver leaves the CPU side working
            return new GpuSet(null, List.of(), e.toString());
        }
        try {
            int count = nvml.deviceCount();
            if (device != ALL && (device < 0 || device >= count)) {
                throw new IllegalArgumentException("GPU " + device + " does not exist; NVML sees " + count + " device(s)"
                        + (count > 0 ? ", numbered 0 to " + (count - 1) : "") + ".");
            }
            List<GpuReader> readers = new ArrayList<>();
            for (int i = device == ALL ? 0 : device; i < (device == ALL ? count : device + 1); i++) {
                readers.add(new GpuReader(nvml.device(i), log));
            }
            return new GpuSet(nvml, readers, readers.isEmpty() ? "NVML sees no GPU" : null);
        } catch (NvmlException e) {
            nvml.close();
            return new GpuSet(null, List.of(), e.getMessage());
        } catch (RuntimeException e) {
            nvml.close();
            throw e;
        }
    }

    public List<GpuReader> readers() {
        return readers;
    }

    /** Why there is no GPU, or null when there is at least one. */
    public String unavailable() {
        return unavailable;
    }

    @Override
    public void close() {
        if (nvml != null) nvml.close();
    }
}
