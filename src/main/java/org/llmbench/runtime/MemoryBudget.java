package org.llmbench.runtime;

import org.llmbench.LlmbenchException;

import java.util.Locale;

/** Refuses work that would not fit in the heap, before allocating it, instead of an OutOfMemoryError. */
public final class MemoryBudget {
    private MemoryBudget() {
    }

    public static long availableBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    public static void require(long bytes, String what) {
        long available = availableBytes();
        if (bytes > available) {
            System.gc(); // count only live data before refusing
            available = availableBytes();
        }
        String shortfall = shortfall(bytes, available, what);
        if (shortfall != null) {
            throw new LlmbenchException(shortfall + " (raise -Xmx, or pick a smaller model, quant, batch or length).");
        }
    }

    /** Null when {@code bytes} fit in {@code available}, else "WHAT does not fit: needs X GiB, Y GiB available". */
    public static String shortfall(long bytes, long available, String what) {
        if (bytes <= available) return null;
        return String.format(Locale.ROOT, "%s does not fit: needs %.2f GiB, %.2f GiB available", what, gib(bytes), gib(available));
    }

    public static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
