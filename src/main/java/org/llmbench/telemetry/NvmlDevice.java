package org.llmbench.telemetry;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * One GPU as NVML sees it (NVML indices are not CUDA indices). Each reading is one NVML call that
 * throws {@link NvmlException} with the call's error code; deciding what to skip is the caller's job.
 */
public final class NvmlDevice {
    private final Nvml nvml;
    private final NvmlLibrary lib;
    private final int index;
    private final Pointer handle;
    private volatile boolean memoryV2Missing;
    private volatile boolean eventReasonsMissing;

    NvmlDevice(Nvml nvml, int index, Pointer handle) {
        this.nvml = nvml;
        this.lib = nvml.library();
        this.index = index;
        this.handle = handle;
    }

    public int index() {
        return index;
    }

    public String name() {
        byte[] buf = new byte[NvmlLibrary.DEVICE_NAME_BUFFER];
        nvml.check("nvmlDeviceGetName", lib.nvmlDeviceGetName(handle, buf, buf.length));
        return Nvml.cString(buf);
    }

    public double powerWatts() {
        IntByReference mw = new IntByReference();
        nvml.check("nvmlDeviceGetPowerUsage", lib.nvmlDeviceGetPowerUsage(handle, mw));
        return Integer.toUnsignedLong(mw.getValue()) / 1000.0;
    }

    /** Energy used since the driver was loaded, in millijoules. */
    public long totalEnergyMillijoules() {
        LongByReference mj = new LongByReference();
        nvml.check("nvmlDeviceGetTotalEnergyConsumption", lib.nvmlDeviceGetTotalEnergyConsumption(handle, mj));
        return mj.getValue();
    }

    public double powerLimitWatts() {
        IntByReference mw = new IntByReference();
        nvml.check("nvmlDeviceGetEnforcedPowerLimit", lib.nvmlDeviceGetEnforcedPowerLimit(handle, mw));
        return Integer.toUnsignedLong(mw.getValue()) / 1000.0;
    }

    public int temperatureCelsius() {
        IntByReference c = new IntByReference();
        nvml.check("nvmlDeviceGetTemperature", lib.nvmlDeviceGetTemperature(handle, NvmlLibrary.NVML_TEMPERATURE_GPU, c));
        return c.getValue();
    }

    /** {gpu %, memory %}. */
    public int[] utilizationPercent() {
        NvmlLibrary.Utilization u = new NvmlLibrary.Utilization();
        nvml.check("nvmlDeviceGetUtilizationRates", lib.nvmlDeviceGetUtilizationRates(handle, u));
        return new int[]{u.gpu, u.memory};
    }

    /** Current clock in MHz; type is NVML_CLOCK_GRAPHICS, _SM or _MEM. */
    public int clockMhz(int type) {
        IntByReference mhz = new IntByReference();
        nvml.check("nvmlDeviceGetClockInfo", lib.nvmlDeviceGetClockInfo(handle, type, mhz));
        return mhz.getValue();
    }

    public int maxClockMhz(int type) {
        IntByReference mhz = new IntByReference();
        nvml.check("nvmlDeviceGetMaxClockInfo", lib.nvmlDeviceGetMaxClockInfo(handle, type, mhz));
        return mhz.getValue();
    }

    /** The clock-event (throttle) reason bitmask; see {@link ClockEventReasons}. */
    public long clockEventReasons() {
        LongByReference bits = new LongByReference();
        if (!eventReasonsMissing) {
            try {
                int rc = lib.nvmlDeviceGetCurrentClocksEventReasons(handle, bits);
                if (rc != NvmlStatus.FUNCTION_NOT_FOUND) {
                    nvml.check("nvmlDeviceGetCurrentClocksEventReasons", rc);
                    return bits.getValue();
                }
            } catch (LinkageError e) {
                // drivers before 12.2 only have the old name
            }
            eventReasonsMissing = true;
        }
        nvml.check("nvmlDeviceGetCurrentClocksThrottleReasons", lib.nvmlDeviceGetCurrentClocksThrottleReasons(handle, bits));
        return bits.getValue();
    }

    /** Device memory; the v2 call (with reserved) where the driver has it, else v1 with reserved = -1. */
    public DeviceMemory memory() {
        if (!memoryV2Missing) {
            try {
                NvmlLibrary.MemoryV2 m = new NvmlLibrary.MemoryV2();
                int rc = lib.nvmlDeviceGetMemoryInfo_v2(handle, m);
                if (rc == NvmlStatus.SUCCESS) return new DeviceMemory(m.total, m.reserved, m.free, m.used);
                if (rc != NvmlStatus.FUNCTION_NOT_FOUND && rc != NvmlStatus.NOT_SUPPORTED
                        && rc != NvmlStatus.ARGUMENT_VERSION_MISMATCH) {
                    nvml.check("nvmlDeviceGetMemoryInfo_v2", rc);
                }
            } catch (LinkageError e) {
                // older driver: fall through to v1
            }
            memoryV2Missing = true;
        }
        NvmlLibrary.Memory m = new NvmlLibrary.Memory();
        nvml.check("nvmlDeviceGetMemoryInfo", lib.nvmlDeviceGetMemoryInfo(handle, m));
        return new DeviceMemory(m.total, -1, m.free, m.used);
    }

    /** Bytes; reserved is -1 when only the v1 call exists (it has no such field). */
    public record DeviceMemory(long total, long reserved, long free, long used) {
    }
}
