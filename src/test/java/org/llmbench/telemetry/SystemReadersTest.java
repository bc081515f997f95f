package org.llmbench.telemetry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The /proc and sysfs readers the monitor uses, on hand-written files. */
class SystemReadersTest {
    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void cpuStatBusyShareCountsIowaitAsIdleAndStealAsBusy() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        CpuStat.Reading a = CpuStat.parse("cpu  100 0 50 800 50 0 0 0 0 0\ncpu3 100 0 50 800 50 0 0 0 0 0\nintr 1 2\n");
        CpuStat.Reading b = CpuStat.parse("cpu  160 0 70 860 60 0 10 20 40 0\ncpu3 160 0 70 860 60 0 10 20 40 0\n");
        assertEquals(3, a.cores().get(0).core());
        assertEquals(-1, a.all().core());
        // busy +110 (user 60, system 20, softirq 10, steal 20; guest is inside user), idle +70 (idle 60, iowait 10)
        assertEquals(100.0 * 110 / 180, b.all().busyPercentSince(a.all()), 1e-9);
        assertTrue(Double.isNaN(a.all().busyPercentSince(a.all())), "no tick passed: unknown, not 0");
        assertThrows(TelemetryUnavailableException.class, () -> new CpuStat(root).read());
    }

    @Test
    void processTableKeepsOddNamesAndSkipsWhatVanished() throws IOException {
        write("31/stat", "31 (a) b (c)) S 1 31 31 0 -1 0 0 0 0 0 700 300 0 0 20 0 1 0 5 0 0\n");
        write("31/status", "Name:\ta) b (c)\nVmRSS:\t  1024 kB\n");
        write("32/stat", "32 (gone) S 1 32 32 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 5 0 0\n"); // status missing: exited while read
        write("self/stat", "not a pid folder\n");
        Map<Integer, ProcessTable.Entry> t = new ProcessTable(root).read();
        assertEquals(Map.of(31, new ProcessTable.Entry(31, "a) b (c)", 1000, 1024 * 1024)), t);
    }

    @Test
    void loadMemoryAndFrequenciesOrNullWhereUnreadable() throws IOException {
        assertNull(LoadAverage.read(root));
        assertNull(MemInfo.read(root));
        CpuFrequencies f = new CpuFrequencies(root.resolve("sys"), root.resolve("proc"));
        assertTrue(f.read().isEmpty());
        assertEquals("none", f.source());
        write("proc/loadavg", "0.50 1.00 2.00 1/99 123\n");
        write("proc/meminfo", "MemTotal: 2048 kB\nMemFree: 100 kB\nMemAvailable: 512 kB\n");
        write("proc/cpuinfo", "processor : 0\ncpu MHz : 1999.5\n\nprocessor : 1\ncpu MHz : 2100\n");
        assertEquals(new LoadAverage(0.5, 1.0, 2.0), LoadAverage.read(root.resolve("proc")));
        MemInfo m = MemInfo.read(root.resolve("proc"));
        assertEquals(1536 * 1024, m.usedBytes());
        assertEquals(-1, m.swapTotalBytes(), "absent: unknown");
        assertEquals(Map.of(0, 1999.5, 1, 2100.0), f.read());
        assertEquals("/proc/cpuinfo", f.source());
        write("sys/devices/system/cpu/cpu1/cpufreq/scaling_cur_freq", "3500000\n");
        assertEquals(Map.of(1, 3500.0), f.read(), "cpufreq wins where the kernel has it");
        assertEquals("cpufreq", f.source());
    }
}
