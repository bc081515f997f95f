package org.llmbench.telemetry;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU side of this JVM: process CPU time (libc's clock where there is one), resident
 * set (/proc/self/status), heap, and the direct and mapped NIO buffer pools.
 */
public final class ProcessReader {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final BufferPoolMXBean direct, mapped;
    private final com.sun.management.OperatingSystemMXBean os;

    public ProcessReader() {
        List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
        direct = pools.stream().filter(p -> p.getName().equals("direct")).findFirst().orElse(null);
        mapped = pools.stream().filter(p -> p.getName().equals("mapped")).findFirst().orElse(null);
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        os = bean instanceof com.sun.management.OperatingSystemMXBean s ? s : null;
    }

    /** CPU time of every thread of this process so far, ns (exact on Linux); -1 where neither libc nor the JVM says. */
    public long cpuTimeNanos() {
        long exact = ProcessCpuClock.nanos();
        if (exact >= 0) return exact;
        return os == null ? -1 : os.getProcessCpuTime();
    }

    public ProcessSample sample() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        return new ProcessSample(statusBytes("VmRSS:"), heap.getUsed(), heap.getCommitted(),
                direct == null ? -1 : direct.getMemoryUsed(), mapped == null ? -1 : mapped.getMemoryUsed());
    }

    /** VmHWM: the resident-set peak since process start or since the last {@link #resetPeakRss()}; -1 if unknown. */
    public long peakRssBytes() {
        return statusBytes("VmHWM:");
    }

    /** VmHWM of another process (/proc/PID/status): its resident-set peak so far; -1 where unknown (gone, not Linux, not ours to read). */
    public static long peakRssBytes(long pid) {
        try {
            return statusField(Files.readString(Path.of("/proc", Long.toString(pid), "status")), "VmHWM:");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resets VmHWM to the current resident set (Linux 4.0+, "5" to clear_refs); false where not permitted. */
    public boolean resetPeakRss() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long statusBytes(String key) {
        try {
            return statusField(Files.readString(STATUS), key);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A "Key:  123 kB" line of /proc/self/status in bytes; -1 if absent. */
    static long statusField(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                String v = line.substring(key.length()).trim();
                if (v.endsWith("kB")) return Long.parseLong(v.substring(0, v.length() - 2).trim()) * 1024;
                return Long.parseLong(v);
            }
        }
        return -1;
    }

    /** Bytes; -1 where unknown. */
    public record ProcessSample(long rssBytes, long heapUsedBytes, long heapCommittedBytes, long directBytes, long mappedBytes) {
    }
}
