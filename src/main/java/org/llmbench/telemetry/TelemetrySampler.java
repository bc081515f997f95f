package org.llmbench.telemetry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples a {@link Telemetry} in a background daemon thread every interval between start() and
 * stop(), plus once at each edge so even a window shorter than the interval has two samples.
 * Counters (GPU energy, RAPL, process CPU time, resident-set peak) are read at the edges only.
 */
public final class TelemetrySampler {
    private final Telemetry telemetry;
    private final long intervalNanos;
    private final int cpus = Runtime.getRuntime().availableProcessors();

    private WindowStats stats;
    private Thread thread;
    private volatile boolean running;
    private long startNanos, startCpuNanos, startGpuMj;
    private long[] startRapl;
    private boolean rssPeakReset;
    private long samplerCpuNanos; // written by the sampler thread before it ends, read after join

    public TelemetrySampler(Telemetry telemetry, long intervalNanos) {
        if (intervalNanos <= 0) throw new IllegalArgumentException("interval must be positive");
        this.telemetry = telemetry;
        this.intervalNanos = intervalNanos;
    }

    public void start() {
        if (running) throw new IllegalStateException("sampler already running");
        stats = new WindowStats();
        samplerCpuNanos = -1;
        rssPeakReset = telemetry.process().resetPeakRss();
        startGpuMj = telemetry.gpu() == null ? -1 : telemetry.gpu().energyMillijoules();
        startRapl = readRapl();
        startCpuNanos = telemetry.process().cpuTimeNanos();
        startNanos = System.nanoTime();
        sampleOnce();
        running = true;
        thread = new Thread(this::loop, "llmbench-telemetry");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean running() {
        return running;
    }

    /** Stops sampling, takes the closing sample and returns the window. */
    public WindowStats stop() {
        if (!running) throw new IllegalStateException("sampler not running");
        running = false;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) { // the window must not be read while the sampler thread still writes it
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        sampleOnce();
        long end = System.nanoTime();
        if (samplerCpuNanos >= 0 && end > startNanos) stats.samplerCpuPercent(100.0 * samplerCpuNanos / (end - startNanos));
        long cpu = telemetry.process().cpuTimeNanos();
        double seconds = (end - startNanos) * 1e-9;
        stats.seconds(seconds);
        if (cpu >= 0 && startCpuNanos >= 0 && end > startNanos) {
            stats.cpuUtilPercent(100.0 * (cpu - startCpuNanos) / ((double) (end - startNanos) * cpus));
        }
        long hwm = rssPeakReset ? telemetry.process().peakRssBytes() : -1;
        stats.rssPeakBytes(Math.max(hwm, Double.isNaN(stats.rss.peak()) ? -1 : (long) stats.rss.peak()));
        if (telemetry.gpu() != null && startGpuMj >= 0) {
            long endMj = telemetry.gpu().energyMillijoules();
            // a counter that went backwards (driver reloaded) falls back to integrated power
            if (endMj >= startGpuMj) stats.gpuCounterJoules(EnergyCounter.delta(startGpuMj, endMj, 0) / 1000.0);
        }
        long[] endRapl = readRapl();
        if (startRapl != null && endRapl != null) stats.raplJoules(telemetry.rapl().joulesBetween(startRapl, endRapl));
        return stats;
    }

    private long[] readRapl() {
        if (telemetry.rapl() == null) return null;
        try {
            return telemetry.rapl().read();
        } catch (TelemetryUnavailableException e) {
            return null;
        }
    }

    private void loop() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        try {
            sampleUntilStopped();
        } finally {
            if (cpu0 >= 0) samplerCpuNanos = threads.getCurrentThreadCpuTime() - cpu0;
        }
    }

    private void sampleUntilStopped() {
        long next = System.nanoTime() + intervalNanos;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue; // re-check running and the deadline: park may return early
            }
            sampleOnce();
            next += intervalNanos;
            long now = System.nanoTime();
            if (next < now) next = now + intervalNanos; // fell behind (machine busy): skip, do not catch up in a burst
        }
    }

    private void sampleOnce() {
        long t = System.nanoTime();
        if (telemetry.gpu() != null) {
            try {
                stats.add(t, telemetry.gpu().read());
            } catch (RuntimeException | LinkageError e) {
                // GpuReader already skips what NVML refuses; anything else loses this one sample only
            }
        }
        stats.add(t, telemetry.process().sample());
    }
}
