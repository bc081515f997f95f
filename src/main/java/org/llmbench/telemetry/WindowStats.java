package org.llmbench.telemetry;

/**
 * Everything sampled during one window (one measurement iteration): one {@link Series} per
 * quantity plus the counters read at the window's edges. Fed by one thread at a time.
 */
public final class WindowStats {
    public final Series gpuPower = new Series();
    public final Series gpuTemperature = new Series();
    public final Series gpuSmClock = new Series();
    public final Series gpuMemClock = new Series();
    public final Series gpuUtil = new Series();
    public final Series gpuMemUtil = new Series();
    public final Series gpuMemUsed = new Series();
    public final Series gpuMemReserved = new Series();
    public final Series gpuMemTotal = new Series();
    public final Series rss = new Series();
    public final Series heapUsed = new Series();
    public final Series heapCommitted = new Series();
    public final Series directBuffers = new Series();
    public final Series mappedBuffers = new Series();

    private final long[] eventSamples = new long[ClockEventReasons.count()];
    private long eventSampleCount;
    private double gpuCounterJoules = Double.NaN;
    private double raplJoules = Double.NaN;
    private double cpuUtilPercent = Double.NaN;
    private long rssPeakBytes = -1;
    private double seconds;
    private double samplerCpuPercent = Double.NaN;

    public void add(long timeNanos, GpuSample s) {
        gpuPower.add(timeNanos, s.powerWatts());
        gpuTemperature.add(timeNanos, s.temperatureCelsius());
        gpuSmClock.add(timeNanos, s.smClockMhz());
        gpuMemClock.add(timeNanos, s.memClockMhz());
        gpuUtil.add(timeNanos, s.gpuUtilPercent());
        gpuMemUtil.add(timeNanos, s.memUtilPercent());
        gpuMemUsed.add(timeNanos, bytesOrNaN(s.memUsedBytes()));
        gpuMemReserved.add(timeNanos, bytesOrNaN(s.memReservedBytes()));
        gpuMemTotal.add(timeNanos, bytesOrNaN(s.memTotalBytes()));
        if (s.clockEventMask() >= 0) {
            eventSampleCount++;
            for (int i = 0; i < eventSamples.length; i++) {
                if ((s.clockEventMask() & (1L << i)) != 0) eventSamples[i]++;
            }
        }
    }

    public void add(long timeNanos, ProcessReader.ProcessSample s) {
        rss.add(timeNanos, bytesOrNaN(s.rssBytes()));
        heapUsed.add(timeNanos, bytesOrNaN(s.heapUsedBytes()));
        heapCommitted.add(timeNanos, bytesOrNaN(s.heapCommittedBytes()));
        directBuffers.add(timeNanos, bytesOrNaN(s.directBytes()));
        mappedBuffers.add(timeNanos, bytesOrNaN(s.mappedBytes()));
    }

    private static double bytesOrNaN(long bytes) {
        return bytes < 0 ? Double.NaN : bytes;
    }

    /** Whether any clock-event reading succeeded. */
    public boolean hasClockEvents() {
        return eventSampleCount > 0;
    }

    /** Percent of clock-event readings in which the reason bit was set. */
    public double clockEventPercent(int bit) {
        return eventSampleCount == 0 ? Double.NaN : 100.0 * eventSamples[bit] / eventSampleCount;
    }

    public void gpuCounterJoules(double joules) {
        gpuCounterJoules = joules;
    }

    public boolean gpuEnergyFromCounter() {
        return Double.isFinite(gpuCounterJoules);
    }

    /** GPU energy: the total-energy counter's difference where the device has one, else the integral of power. */
    public double gpuJoules() {
        return gpuEnergyFromCounter() ? gpuCounterJoules : gpuPower.integral();
    }

    public double raplJoules() {
        return raplJoules;
    }

    public void raplJoules(double joules) {
        raplJoules = joules;
    }

    public double cpuUtilPercent() {
        return cpuUtilPercent;
    }

    public void cpuUtilPercent(double percent) {
        cpuUtilPercent = percent;
    }

    /** Resident-set peak in the window: VmHWM when it could be reset at the start, else the largest sample. */
    public long rssPeakBytes() {
        return rssPeakBytes;
    }

    public void rssPeakBytes(long bytes) {
        rssPeakBytes = bytes;
    }

    /** CPU time of the sampling thread as a percent of one core over the window: the profiler's own cost. */
    public double samplerCpuPercent() {
        return samplerCpuPercent;
    }

    public void samplerCpuPercent(double percent) {
        samplerCpuPercent = percent;
    }

    /** Wall-clock length of the window. */
    public double seconds() {
        return seconds;
    }

    public void seconds(double s) {
        seconds = s;
    }
}
