package org.llmbench.telemetry;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The NVML C functions llmbench calls, mapped one to one (nvml.h, API version 13). Every function
 * returns an nvmlReturn_t (see {@link NvmlStatus}). JNA resolves a symbol at its first call, so a
 * function missing from an old driver throws UnsatisfiedLinkError there, not at load time.
 */
public interface NvmlLibrary extends Library {
    int NVML_TEMPERATURE_GPU = 0;
    int NVML_CLOCK_GRAPHICS = 0;
    int NVML_CLOCK_SM = 1;
    int NVML_CLOCK_MEM = 2;
    /** nvmlMemory_v2: sizeof(nvmlMemory_v2_t) = 40 | (2 << 24). */
    int NVML_MEMORY_V2 = 0x02000028;
    int DEVICE_NAME_BUFFER = 96;
    int DRIVER_VERSION_BUFFER = 80;

    int nvmlInit_v2();

    int nvmlShutdown();

    String nvmlErrorString(int result);

    int nvmlSystemGetDriverVersion(byte[] version, int length);

    int nvmlDeviceGetCount_v2(IntByReference count);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    /** Milliwatts; on Ampere and newer (not GA100) a one-second average. */
    int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

    /** Millijoules since the driver was loaded (Volta and newer). */
    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

    int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetTemperature(Pointer device, int sensor, IntByReference celsius);

    int nvmlDeviceGetUtilizationRates(Pointer device, Utilization utilization);

    int nvmlDeviceGetClockInfo(Pointer device, int clockType, IntByReference mhz);

    int nvmlDeviceGetMaxClockInfo(Pointer device, int clockType, IntByReference mhz);

    int nvmlDeviceGetCurrentClocksEventReasons(Pointer device, LongByReference reasons);

    /** The pre-12.2 name of {@link #nvmlDeviceGetCurrentClocksEventReasons}, for older drivers. */
    int nvmlDeviceGetCurrentClocksThrottleReasons(Pointer device, LongByReference reasons);

    int nvmlDeviceGetMemoryInfo(Pointer device, Memory memory);

    int nvmlDeviceGetMemoryInfo_v2(Pointer device, MemoryV2 memory);

    /** nvmlUtilization_t: percent of the last sample period the GPU (memory) was busy. */
    @Structure.FieldOrder({"gpu", "memory"})
    class Utilization extends Structure {
        public int gpu;
        public int memory;
    }

    /** nvmlMemory_t, in nvml.h's order: total, free, used. */
    @Structure.FieldOrder({"total", "free", "used"})
    class Memory extends Structure {
        public long total;
        public long free;
        public long used;
    }

    /** nvmlMemory_v2_t: 4 bytes version, 4 bytes padding, then four 8-byte counters (40 bytes). */
    @Structure.FieldOrder({"version", "total", "reserved", "free", "used"})
    class MemoryV2 extends Structure {
        public int version = NVML_MEMORY_V2;
        public long total;
        public long reserved;
        public long free;
        public long used;
    }
}
