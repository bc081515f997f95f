package org.llmbench.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Current frequency of each core: sysfs cpufreq (scaling_cur_freq, kHz) where the kernel has a
 * cpufreq driver, else the "cpu MHz" lines of /proc/cpuinfo (virtual machines often lack cpufreq;
 * there the value is what the hypervisor reports, often the nominal clock).
 */
public final class CpuFrequencies {
    public static final Path DEFAULT_SYS = Path.of("/sys");

    private final Path cpuDir, cpuinfo;

    public CpuFrequencies(Path sysRoot, Path procRoot) {
        this.cpuDir = sysRoot.resolve("devices/system/cpu");
        this.cpuinfo = procRoot.resolve("cpuinfo");
    }

    /** MHz by core number; empty where neither source is readable. */
    public Map<Integer, Double> read() {
        Map<Integer, Double> mhz = fromCpufreq();
        return mhz.isEmpty() ? fromCpuinfo() : mhz;
    }

    /** Where {@link #read()} takes its numbers from, for the screen's footnote. */
    public String source() {
        if (!fromCpufreq().isEmpty()) return "cpufreq";
        return fromCpuinfo().isEmpty() ? "none" : "/proc/cpuinfo";
    }

    private Map<Integer, Double> fromCpufreq() {
        Map<Integer, Double> mhz = new TreeMap<>();
        if (!Files.isDirectory(cpuDir)) return mhz;
        try (Stream<Path> dirs = Files.list(cpuDir)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.matches("cpu\\d+")) continue;
                try {
                    long khz = Long.parseLong(Files.readString(d.resolve("cpufreq/scaling_cur_freq")).trim());
                    mhz.put(Integer.parseInt(name.substring(3)), khz / 1000.0);
                } catch (IOException | NumberFormatException e) {
                    // this core has no cpufreq (offline, or no driver): no frequency for it
                }
            }
        } catch (IOException | RuntimeException e) {
            mhz.clear();
        }
        return mhz;
    }

    private Map<Integer, Double> fromCpuinfo() {
        Map<Integer, Double> mhz = new TreeMap<>();
        try {
            int core = -1;
            for (String line : Files.readAllLines(cpuinfo)) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
                if (key.equals("processor")) core = Integer.parseInt(value);
                else if (key.equals("cpu MHz") && core >= 0) mhz.put(core, Double.parseDouble(value));
            }
        } catch (IOException | RuntimeException e) {
            mhz.clear();
        }
        return mhz;
    }
}
