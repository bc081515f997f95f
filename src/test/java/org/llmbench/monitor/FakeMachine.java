package org.llmbench.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A fake /proc, sysfs and powercap tree with two cores and three processes. Each {@link #tick()}
 * advances the counters by fixed amounts, so utilisation between any two readings is known:
 * cpu0 30% busy, cpu1 70% busy (machine 50%), process 4242 "llm server" 80% of one core,
 * process 7 "idle daemon" 0%. Files are replaced whole, as the kernel's are read whole.
 */
public final class FakeMachine {
    public static final long GIB = 1L << 30;
    public final Path proc, sys, powercap;
    private long ticks;

    public FakeMachine(Path root) {
        proc = root.resolve("proc");
        sys = root.resolve("sys");
        powercap = root.resolve("powercap");
        write(proc.resolve("loadavg"), "1.50 0.75 0.25 3/200 4242\n");
        write(proc.resolve("meminfo"), "MemTotal:       25165824 kB\nMemFree:         1048576 kB\nMemAvailable:   16777216 kB\n"
                + "SwapTotal:             0 kB\nSwapFree:              0 kB\n");
        write(proc.resolve("cpuinfo"), "processor\t: 0\ncpu MHz\t\t: 2445.000\n\nprocessor\t: 1\ncpu MHz\t\t: 2445.000\n");
        write(sys.resolve("devices/system/cpu/cpu0/cpufreq/scaling_cur_freq"), "3100000\n");
        write(sys.resolve("devices/system/cpu/cpu1/cpufreq/scaling_cur_freq"), "2800000\n");
        write(proc.resolve("7/status"), "Name:\tidle daemon\nVmRSS:\t    2048 kB\n");
        write(proc.resolve("4242/status"), "Name:\tllm server\nVmRSS:\t 4194304 kB\n");
        write(proc.resolve("2/status"), "Name:\tkthreadd\n"); // a kernel thread: no VmRSS
        write(proc.resolve("2/stat"), "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 11 0 0\n");
        tick();
    }

    /** Advances every counter by one step (100 ticks per core). */
    public synchronized void tick() {
        ticks++;
        long c0busy = 30 * ticks, c0idle = 70 * ticks, c1busy = 70 * ticks, c1idle = 30 * ticks;
        // user nice system idle iowait irq softirq steal guest guest_nice: busy split over user and system, idle over idle and iowait
        String cpu0 = line("cpu0", c0busy, c0idle), cpu1 = line("cpu1", c1busy, c1idle), all = line("cpu ", c0busy + c1busy, c0idle + c1idle);
        write(proc.resolve("stat"), all + cpu0 + cpu1 + "intr 0\nctxt 0\nbtime 0\n");
        write(proc.resolve("4242/stat"), "4242 (llm server) R 1 4242 4242 0 -1 4194560 0 0 0 0 "
                + (60 * ticks) + " " + (20 * ticks) + " 0 0 20 0 9 0 100 0 0\n");
        write(proc.resolve("7/stat"), "7 (idle daemon) S 1 7 7 0 -1 4194560 0 0 0 0 5 5 0 0 20 0 1 0 50 0 0\n");
        write(powercap.resolve("intel-rapl:0/name"), "package-0\n");
        write(powercap.resolve("intel-rapl:0/max_energy_range_uj"), "262143328850\n");
        write(powercap.resolve("intel-rapl:0/energy_uj"), String.valueOf(1_000_000 * ticks) + "\n");
    }

    /** The fake tree's sources with the NVML stub. */
    public MonitorSources sources() {
        return new MonitorSources(proc, sys, powercap, () -> org.llmbench.telemetry.Nvml.open(org.llmbench.telemetry.NvmlStub.library()));
    }

    /** Ticks every 50 ms in a daemon thread until the returned handle is closed, as a live machine's counters move. */
    public AutoCloseable ticking() {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                tick();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fake-machine");
        t.setDaemon(true);
        t.start();
        return () -> {
            t.interrupt();
            t.join();
        };
    }

    private static String line(String name, long busy, long idle) {
        return name + " " + (busy - busy / 3) + " 0 " + (busy / 3) + " " + (idle - idle / 10) + " " + (idle / 10) + " 0 0 0 0 0\n";
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
