package org.llmbench.suite;

import org.llmbench.LlmbenchException;
import org.llmbench.gemm.CublasGemmBackend;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this machine offers a configuration's forked JVM: a heap limit that follows from the fork's
 * JVM options and the machine's memory (as the JVM computes it, container limits included), and
 * whether a CUDA GPU is there (asked once, only if a configuration needs one).
 */
final class HostLimits {
    /** The JVM's own default when no option says otherwise. */
    static final double DEFAULT_RAM_PERCENT = 25;
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgGtT]?)");
    private static final Pattern RAM_PERCENT = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");

    private final long memoryBytes;
    private final Supplier<String> gpuMissing;
    private String gpuAnswer;
    private boolean gpuAsked;

    HostLimits(long memoryBytes, Supplier<String> gpuMissing) {
        this.memoryBytes = memoryBytes;
        this.gpuMissing = gpuMissing;
    }

    static HostLimits probe() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new HostLimits(os.getTotalMemorySize(), () -> {
            try {
                CublasGemmBackend.requireDevice();
                return null;
            } catch (LlmbenchException e) {
                return e.getMessage();
            }
        });
    }

    long memoryBytes() {
        return memoryBytes;
    }

    /** Why no CUDA GPU can be used, or null when one can. */
    synchronized String gpuMissing() {
        if (!gpuAsked) {
            gpuAnswer = gpuMissing.get();
            gpuAsked = true;
        }
        return gpuAnswer;
    }

    /** The heap limit of a JVM started with these options: the last -Xmx, else the last MaxRAMPercentage, else the default 25%. */
    long heapBytes(List<String> jvmArgs) {
        long xmx = -1;
        double percent = DEFAULT_RAM_PERCENT;
        for (String a : jvmArgs) {
            Matcher m = XMX.matcher(a);
            if (m.matches()) xmx = Long.parseLong(m.group(1)) << shift(m.group(2));
            Matcher r = RAM_PERCENT.matcher(a);
            if (r.matches()) percent = Double.parseDouble(r.group(1));
        }
        return xmx >= 0 ? xmx : (long) (memoryBytes * percent / 100);
    }

    private static int shift(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
    }
}
