package org.llmbench.telemetry;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * This process's CPU time in nanoseconds from clock_gettime(CLOCK_PROCESS_CPUTIME_ID). The JDK's
 * getProcessCpuTime counts 10 ms clock ticks on Linux, which over a short window can put the CPU
 * share above 100%; this clock is exact to the nanosecond.
 */
final class ProcessCpuClock {
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    private static final LibC LIBC = load();

    interface LibC extends Library {
        /** struct timespec on LP64 Linux is two longs: seconds, nanoseconds. */
        int clock_gettime(int clockId, long[] timespec);
    }

    private ProcessCpuClock() {
    }

    private static LibC load() {
        if (!Platform.isLinux() || !Platform.is64Bit()) return null;
        try {
            LibC libc = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
            return libc.clock_gettime(CLOCK_PROCESS_CPUTIME_ID, new long[2]) == 0 ? libc : null;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    /** Nanoseconds of CPU time used by every thread of this process; -1 where the clock is unavailable. */
    static long nanos() {
        if (LIBC == null) return -1;
        long[] ts = new long[2];
        return LIBC.clock_gettime(CLOCK_PROCESS_CPUTIME_ID, ts) == 0 ? ts[0] * 1_000_000_000L + ts[1] : -1;
    }
}
