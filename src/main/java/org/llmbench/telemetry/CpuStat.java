package org.llmbench.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's CPU time counters from /proc/stat (USER_HZ ticks since boot): the "cpu" total and
 * one line per online core. Utilisation is the busy share of the ticks between two readings.
 */
public final class CpuStat {
    public static final Path DEFAULT_PROC = Path.of("/proc");

    private final Path file;

    /** @param procRoot /proc, or a fake tree in tests */
    public CpuStat(Path procRoot) {
        this.file = procRoot.resolve("stat");
    }

    /** One reading of every counter; a {@link TelemetryUnavailableException} where /proc/stat cannot be read. */
    public Reading read() {
        try {
            return parse(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new TelemetryUnavailableException(file + " is not readable: no CPU utilisation (" + e.getMessage() + ")");
        }
    }

    static Reading parse(String stat) {
        Ticks all = null;
        List<Ticks> cores = new ArrayList<>();
        for (String line : stat.split("\n")) {
            if (!line.startsWith("cpu")) continue;
            String[] f = line.trim().split("\\s+");
            // user nice system idle iowait irq softirq steal (guest time is already inside user)
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) total += Long.parseLong(f[i]);
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            Ticks t = new Ticks(f[0], total - idle, total);
            if (f[0].equals("cpu")) all = t;
            else cores.add(t);
        }
        if (all == null) throw new IllegalArgumentException("no 'cpu' line");
        return new Reading(all, cores);
    }

    /** Busy and total ticks of one line ("cpu" for the machine, "cpuN" for a core). */
    public record Ticks(String name, long busy, long total) {
        /** The busy share of the ticks since {@code before}, in percent; NaN when no tick passed. */
        public double busyPercentSince(Ticks before) {
            long dt = total - before.total;
            if (before == this || dt <= 0) return Double.NaN;
            return Math.max(0, Math.min(100, 100.0 * (busy - before.busy) / dt));
        }

        /** The core number of a "cpuN" line, -1 for the total. */
        public int core() {
            return name.equals("cpu") ? -1 : Integer.parseInt(name.substring(3));
        }
    }

    /** The total over all cores, then each online core in /proc/stat's order. */
    public record Reading(Ticks all, List<Ticks> cores) {
    }
}
