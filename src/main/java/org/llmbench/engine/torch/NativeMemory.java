package org.llmbench.engine.torch;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * libtorch allocates outside the Java heap (RAM on the CPU, device memory on a GPU), so the heap's
 * MemoryBudget cannot see it: this refuses weights or a KV cache that would not fit there, before
 * allocating, with the same sentence.
 */
final class NativeMemory {
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private NativeMemory() {
    }

    static void require(long bytes, String what, Device device) {
        long available = availableBytes(device);
        if (bytes > available) {
            throw new LlmbenchException(String.format(Locale.ROOT,
                    "%s does not fit: needs %.2f GiB, %.2f GiB available %s (pick a smaller model, quant, batch or length).",
                    what, gib(bytes), gib(available), device.isGpu() ? "on " + device : "in RAM outside the Java heap"));
        }
    }

    /** Free device memory on a GPU; on the CPU, the kernel's MemAvailable (free plus reclaimable cache). */
    static long availableBytes(Device device) {
        if (device.isGpu()) {
            MemoryUsage m = CudaUtils.getGpuMemory(device);
            return m.getMax() - m.getUsed();
        }
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("MemAvailable:")) { // "MemAvailable:   12345678 kB"
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through to the JDK's view
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getFreeMemorySize();
    }

    private static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
