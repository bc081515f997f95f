package org.llmbench.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's memory from /proc/meminfo, in bytes. "Available" is the kernel's estimate of what
 * can be allocated without swapping (MemAvailable), so used = total - available.
 */
public record MemInfo(long totalBytes, long availableBytes, long swapTotalBytes, long swapFreeBytes) {

    public long usedBytes() {
        return totalBytes - availableBytes;
    }

    /** The current numbers, or null where /proc/meminfo cannot be read. */
    public static MemInfo read(Path procRoot) {
        try {
            String text = Files.readString(procRoot.resolve("meminfo"));
            long total = ProcessReader.statusField(text, "MemTotal:");
            long available = ProcessReader.statusField(text, "MemAvailable:");
            if (total < 0 || available < 0) return null;
            return new MemInfo(total, available, ProcessReader.statusField(text, "SwapTotal:"), ProcessReader.statusField(text, "SwapFree:"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
