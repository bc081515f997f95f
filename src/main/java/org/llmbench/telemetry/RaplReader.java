package org.llmbench.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU package energy from Linux powercap RAPL: /sys/class/powercap/intel-rapl:N/energy_uj for each
 * package zone (the same driver serves AMD Zen), summed over packages, wraparound handled with
 * max_energy_range_uj. Since Linux 5.10 energy_uj is readable by root only on most distributions.
 */
public final class RaplReader {
    public static final Path DEFAULT_ROOT = Path.of("/sys/class/powercap");

    private final List<Path> counters;
    private final long[] ranges;

    private RaplReader(List<Path> counters, long[] ranges) {
        this.counters = counters;
        this.ranges = ranges;
    }

    /** Finds the package zones under root and checks that every counter is readable. */
    public static RaplReader open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new TelemetryUnavailableException(root + " does not exist (no powercap in this kernel or container)");
        }
        List<Path> zones;
        try (Stream<Path> s = Files.list(root)) {
            zones = s.filter(p -> p.getFileName().toString().matches("intel-rapl:\\d+"))
                    .filter(p -> readString(p.resolve("name")).startsWith("package"))
                    .sorted().toList();
        } catch (IOException | RuntimeException e) {
            throw new TelemetryUnavailableException(root + " is not readable: no RAPL package energy");
        }
        if (zones.isEmpty()) {
            throw new TelemetryUnavailableException("no RAPL package zone (intel-rapl:N) under " + root);
        }
        List<Path> counters = new ArrayList<>();
        long[] ranges = new long[zones.size()];
        for (int i = 0; i < zones.size(); i++) {
            Path energy = zones.get(i).resolve("energy_uj");
            try {
                Long.parseLong(Files.readString(energy).trim());
                ranges[i] = Long.parseLong(Files.readString(zones.get(i).resolve("max_energy_range_uj")).trim());
            } catch (IOException | RuntimeException e) {
                throw new TelemetryUnavailableException(energy + " is not readable (root only since Linux 5.10): no RAPL package energy");
            }
            counters.add(energy);
        }
        return new RaplReader(counters, ranges);
    }

    public int packages() {
        return counters.size();
    }

    /** One reading of every package counter, microjoules. */
    public long[] read() {
        long[] v = new long[counters.size()];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = Long.parseLong(Files.readString(counters.get(i)).trim());
            } catch (IOException | RuntimeException e) {
                throw new TelemetryUnavailableException(counters.get(i) + " could not be read: " + e.getMessage());
            }
        }
        return v;
    }

    /** Joules used by all packages between two readings. */
    public double joulesBetween(long[] before, long[] after) {
        long uj = 0;
        for (int i = 0; i < before.length; i++) uj += EnergyCounter.delta(before[i], after[i], ranges[i]);
        return uj * 1e-6;
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
