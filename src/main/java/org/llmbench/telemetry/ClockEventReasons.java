package org.llmbench.telemetry;

import java.util.ArrayList;
import java.util.List;

/** NVML's clock-event (formerly throttle) reason bits and their names (nvml.h nvmlClocksEventReason*). */
public final class ClockEventReasons {
    /** Bit i of the mask is NAMES[i]. */
    private static final String[] NAMES = {
            "GpuIdle", "AppClocks", "SwPowerCap", "HwSlowdown", "SyncBoost", "SwThermal", "HwThermal", "HwPowerBrake"};

    private ClockEventReasons() {
    }

    public static int count() {
        return NAMES.length;
    }

    public static String name(int bit) {
        return NAMES[bit];
    }

    /** Names of the set bits, low bit first; bits nvml.h does not name appear as hex. */
    public static List<String> names(long mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((mask & (1L << i)) != 0) out.add(NAMES[i]);
        }
        long rest = mask & ~((1L << NAMES.length) - 1);
        if (rest != 0) out.add("0x" + Long.toHexString(rest));
        return out;
    }
}
