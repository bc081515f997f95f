package org.llmbench.telemetry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Average, peak and energy integration on synthetic sample streams; counters with wraparound. */
class AggregationTest {
    private static final long MS = 1_000_000;

    @Test
    void constantPowerIntegratesToPowerTimesTime() {
        Series s = new Series();
        for (int i = 0; i <= 10; i++) s.add(i * 100 * MS, 200.0); // 1 s at 200 W
        assertEquals(11, s.count());
        assertEquals(200.0, s.mean(), 1e-9);
        assertEquals(200.0, s.peak(), 1e-9);
        assertEquals(200.0, s.integral(), 1e-9);
        assertEquals(1.0, s.seconds(), 1e-12);
    }

    @Test
    void rampIntegratesExactlyWithTrapezoids() {
        Series s = new Series();
        for (int i = 0; i <= 20; i++) s.add(i * 50 * MS, 10.0 * i); // 0 -> 200 W over 1 s
        assertEquals(100.0, s.integral(), 1e-9);
        assertEquals(100.0, s.mean(), 1e-9);
        assertEquals(200.0, s.peak(), 1e-9);
    }

    @Test
    void meanIsTimeWeightedForUnevenSamples() {
        Series s = new Series();
        s.add(0, 100);
        s.add(900 * MS, 100); // 100 W for 0.9 s
        s.add(1000 * MS, 300); // ramps to 300 W over the last 0.1 s
        assertEquals(90 + 20, s.integral(), 1e-9);
        assertEquals(110.0, s.mean(), 1e-9, "a plain average of the three samples would say 166.7");
        assertEquals(300.0, s.peak());
    }

    @Test
    void failedReadingsAreSkippedAndEmptyIsNaN() {
        Series s = new Series();
        assertTrue(Double.isNaN(s.mean()));
        assertTrue(Double.isNaN(s.peak()));
        s.add(0, Double.NaN);
        s.add(5 * MS, 42);
        assertEquals(1, s.count());
        assertEquals(42, s.mean());
        assertTrue(Double.isNaN(s.integral()), "one sample spans no time");
        assertThrows(IllegalArgumentException.class, () -> s.add(1 * MS, 1));
    }

    @Test
    void windowPrefersTheEnergyCounterAndCountsClockEvents() {
        WindowStats w = new WindowStats();
        long[] masks = {0x0, 0x4, 0x4 | 0x20, 0x1};
        for (int i = 0; i < masks.length; i++) {
            w.add(i * 100 * MS, new GpuSample(100 + i, 60, 1400, 1200, 90, 40, masks[i], 1L << 30, -1, 16L << 30));
        }
        assertEquals(0.3 * 101.5, w.gpuJoules(), 1e-9, "integrated power without a counter");
        w.gpuCounterJoules(12.5);
        assertEquals(12.5, w.gpuJoules());
        assertEquals(50.0, w.clockEventPercent(2), 1e-9); // SwPowerCap in 2 of 4
        assertEquals(25.0, w.clockEventPercent(5), 1e-9); // SwThermal
        assertEquals(25.0, w.clockEventPercent(0), 1e-9); // GpuIdle
        assertEquals(0.0, w.clockEventPercent(6), 1e-9);
        assertEquals(0, w.gpuMemReserved.count(), "-1 (v1 memory call) is not a value");
    }

    @Test
    void counterDeltasHandleOneWrap() {
        assertEquals(500, EnergyCounter.delta(1000, 1500, 0));
        assertEquals(150, EnergyCounter.delta(950, 100, 1000));
        assertThrows(IllegalArgumentException.class, () -> EnergyCounter.delta(10, 5, 0));
    }

    @Test
    void raplReadsPackageZonesOnlyAndHandlesWraparound(@TempDir Path root) throws IOException {
        zone(root.resolve("intel-rapl:0"), "package-0", 999_000_000L, 1_000_000_000L);
        zone(root.resolve("intel-rapl:0:0"), "core", 5, 1_000_000_000L); // a sub-zone, already inside package-0
        zone(root.resolve("intel-rapl:1"), "package-1", 2_000_000L, 1_000_000_000L);
        zone(root.resolve("intel-rapl-mmio:0"), "package-0", 7, 1_000_000_000L);
        RaplReader r = RaplReader.open(root);
        assertEquals(2, r.packages());
        long[] before = r.read();
        Files.writeString(root.resolve("intel-rapl:0/energy_uj"), "3000000\n"); // wrapped: +4 J
        Files.writeString(root.resolve("intel-rapl:1/energy_uj"), "3500000\n"); // +1.5 J
        assertEquals(5.5, r.joulesBetween(before, r.read()), 1e-9);
    }

    @Test
    void raplWithoutZonesOrPermissionIsUnavailableWithAReason(@TempDir Path root) throws IOException {
        TelemetryUnavailableException none = assertThrows(TelemetryUnavailableException.class, () -> RaplReader.open(root));
        assertTrue(none.getMessage().contains("no RAPL package zone"), none.getMessage());
        Path z = root.resolve("intel-rapl:0");
        Files.createDirectories(z);
        Files.writeString(z.resolve("name"), "package-0\n"); // energy_uj missing, as if unreadable
        TelemetryUnavailableException e = assertThrows(TelemetryUnavailableException.class, () -> RaplReader.open(root));
        assertTrue(e.getMessage().contains("energy_uj is not readable"), e.getMessage());
    }

    @Test
    void procStatusFieldsAreBytes() {
        String status = "Name:\tjava\nVmHWM:\t  218192 kB\nVmRSS:\t   13584 kB\n";
        assertEquals(218192L * 1024, ProcessReader.statusField(status, "VmHWM:"));
        assertEquals(13584L * 1024, ProcessReader.statusField(status, "VmRSS:"));
        assertEquals(-1, ProcessReader.statusField(status, "VmSwap:"));
    }

    @Test
    void processCpuTimeIsFinerThanAClockTick() {
        // tick-counted CPU time (10 ms steps) pushed the CPU share of short windows above 100%
        ProcessReader reader = new ProcessReader();
        long smallest = Long.MAX_VALUE, last = reader.cpuTimeNanos();
        long giveUp = System.nanoTime() + 2_000 * MS;
        // the least of 20 steps, as a read preempted on a busy machine makes its one step longer
        for (int steps = 0; steps < 20 && System.nanoTime() < giveUp; ) {
            long now = reader.cpuTimeNanos();
            if (now != last) {
                smallest = Math.min(smallest, now - last);
                steps++;
            }
            last = now;
        }
        assertTrue(smallest > 0 && smallest < 1_000_000, "smallest CPU time step " + smallest + " ns");
    }

    @Test
    void processSamplerReportsCpuRssAndHeap() throws InterruptedException {
        try (Telemetry t = Telemetry.open(0, () -> {
            throw new TelemetryUnavailableException("test: no NVML");
        }, Path.of("/nonexistent"), m -> { })) {
            TelemetrySampler sampler = new TelemetrySampler(t, 10 * MS);
            sampler.start();
            long end = System.nanoTime() + 200 * MS;
            double x = 0;
            while (System.nanoTime() < end) x += Math.sqrt(x + 1); // keep one core busy
            WindowStats w = sampler.stop();
            assertTrue(x > 0);
            int cpus = Runtime.getRuntime().availableProcessors();
            // one busy thread is 100/cpus percent; a shared machine may deschedule it, so only a loose floor
            assertTrue(w.cpuUtilPercent() > 20.0 / cpus && w.cpuUtilPercent() <= 100.5, "cpu " + w.cpuUtilPercent());
            assertTrue(w.rssPeakBytes() > 10L << 20, "rss peak " + w.rssPeakBytes());
            assertTrue(w.heapCommitted.mean() >= w.heapUsed.mean() * 0.5 && w.heapUsed.mean() > 0);
            assertTrue(w.rss.count() >= 5, "background samples taken: " + w.rss.count());
            assertTrue(Double.isNaN(w.raplJoules()));
            assertTrue(w.samplerCpuPercent() >= 0 && w.samplerCpuPercent() < 50, "sampler cost " + w.samplerCpuPercent());
        }
    }

    private static void zone(Path dir, String name, long energy, long range) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("name"), name + "\n");
        Files.writeString(dir.resolve("energy_uj"), energy + "\n");
        Files.writeString(dir.resolve("max_energy_range_uj"), range + "\n");
    }
}
