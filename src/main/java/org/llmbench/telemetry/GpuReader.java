package org.llmbench.telemetry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Samples one NVML device for the profiler. A reading that fails once (typically NOT_SUPPORTED on
 * an older GPU) is reported once through the log and not asked again, so a sample costs only calls
 * that work.
 */
public final class GpuReader {
    private static final String ENERGY = "total-energy counter";
    private final NvmlDevice device;
    private final String name;
    private final Consumer<String> log;
    private final Set<String> skipped = new HashSet<>();
    private final boolean energyCounter;

    public GpuReader(NvmlDevice device, Consumer<String> log) {
        this.device = device;
        this.log = log;
        this.name = "GPU " + device.index() + " (" + tryName(device) + ")";
        this.energyCounter = readLong(ENERGY, device::totalEnergyMillijoules) >= 0;
    }

    private static String tryName(NvmlDevice d) {
        try {
            return d.name();
        } catch (NvmlException e) {
            return "name unknown";
        }
    }

    public String name() {
        return name;
    }

    /** The NVML device index. */
    public int index() {
        return device.index();
    }

    public boolean hasEnergyCounter() {
        return energyCounter;
    }

    /** The total-energy counter in mJ, or -1 when the device has none. */
    public long energyMillijoules() {
        return energyCounter ? readLong(ENERGY, device::totalEnergyMillijoules) : -1;
    }

    /** The enforced power limit in W (it can change while running), NaN where the device does not say. */
    public double powerLimitWatts() {
        return read("power limit", device::powerLimitWatts);
    }

    public GpuSample read() {
        double power = read("power", device::powerWatts);
        double temp = read("temperature", device::temperatureCelsius);
        double sm = read("SM clock", () -> device.clockMhz(NvmlLibrary.NVML_CLOCK_SM));
        double mem = read("memory clock", () -> device.clockMhz(NvmlLibrary.NVML_CLOCK_MEM));
        double[] util = {Double.NaN, Double.NaN};
        if (!skipped.contains("utilization")) {
            try {
                int[] u = device.utilizationPercent();
                util[0] = u[0];
                util[1] = u[1];
            } catch (NvmlException e) {
                skip("utilization", e);
            }
        }
        long events = readLong("clock-event reasons", device::clockEventReasons);
        long used = -1, reserved = -1, total = -1;
        if (!skipped.contains("memory info")) {
            try {
                NvmlDevice.DeviceMemory m = device.memory();
                used = m.used();
                reserved = m.reserved();
                total = m.total();
            } catch (NvmlException e) {
                skip("memory info", e);
            }
        }
        return new GpuSample(power, temp, sm, mem, util[0], util[1], events, used, reserved, total);
    }

    private double read(String what, DoubleSupplier reading) {
        if (skipped.contains(what)) return Double.NaN;
        try {
            return reading.getAsDouble();
        } catch (NvmlException e) {
            skip(what, e);
            return Double.NaN;
        }
    }

    private long readLong(String what, LongSupplier reading) {
        if (skipped.contains(what)) return -1;
        try {
            return reading.getAsLong();
        } catch (NvmlException e) {
            skip(what, e);
            return -1;
        }
    }

    private void skip(String what, NvmlException e) {
        skipped.add(what);
        log.accept(name + ": no " + what + " (" + e.getMessage() + ")"
                + (what.equals(ENERGY) ? "; energy is integrated from power samples instead" : ""));
    }

    /** What this device could not report, for tests and sysinfo. */
    public List<String> skipped() {
        return new ArrayList<>(skipped);
    }
}
