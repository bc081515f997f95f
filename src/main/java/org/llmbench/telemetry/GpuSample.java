package org.llmbench.telemetry;

/**
 * One reading of one GPU. A reading the device does not support is NaN (or -1 for the bitmask
 * and byte counts), never a made-up value.
 */
public record GpuSample(double powerWatts, double temperatureCelsius, double smClockMhz, double memClockMhz,
                        double gpuUtilPercent, double memUtilPercent, long clockEventMask,
                        long memUsedBytes, long memReservedBytes, long memTotalBytes) {
}
