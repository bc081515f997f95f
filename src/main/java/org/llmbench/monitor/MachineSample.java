package org.llmbench.monitor;

import org.llmbench.telemetry.GpuSample;
import org.llmbench.telemetry.LoadAverage;
import org.llmbench.telemetry.MemInfo;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One reading of the whole machine. A value the machine does not provide is NaN (or null for load
 * and memory, -1 inside GpuSample), shown as "n/a" and never as 0.
 */
record MachineSample(LocalDateTime time, double cpuPercent, List<Core> cores, LoadAverage load, MemInfo memory,
                     double packageWatts, List<Proc> topByCpu, List<Proc> topByRss, List<Gpu> gpus) {

    /** One core: busy share of the last interval and current frequency. */
    record Core(int number, double busyPercent, double mhz) {
    }

    /** One process: CPU over the last interval (100% = one core) and resident set. */
    record Proc(int pid, String name, double cpuPercent, long rssBytes) {
    }

    /** One NVML GPU. */
    record Gpu(int index, String name, GpuSample reading, double powerLimitWatts) {
    }
}
