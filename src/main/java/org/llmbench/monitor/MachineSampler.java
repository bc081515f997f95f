package org.llmbench.monitor;

import org.llmbench.LlmbenchException;
import org.llmbench.telemetry.CpuFrequencies;
import org.llmbench.telemetry.CpuStat;
import org.llmbench.telemetry.GpuReader;
import org.llmbench.telemetry.GpuSet;
import org.llmbench.telemetry.LoadAverage;
import org.llmbench.telemetry.MemInfo;
import org.llmbench.telemetry.ProcessTable;
import org.llmbench.telemetry.RaplReader;
import org.llmbench.telemetry.TelemetryUnavailableException;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the machine through the telemetry readers once per interval. Counters (CPU ticks, process
 * ticks, RAPL energy) become rates over the time since the previous sample, so the sampler takes a
 * first reading when it opens. What cannot be read is said once through the log.
 */
final class MachineSampler implements AutoCloseable {
    static final int TOP = 50;

    private final MonitorSources sources;
    private final CpuStat cpuStat;
    private final CpuFrequencies frequencies;
    private final ProcessTable processes;
    private final RaplReader rapl;
    private final GpuSet gpus;
    private final Consumer<String> log;

    private CpuStat.Reading lastCpu;
    private Map<Integer, ProcessTable.Entry> lastProcesses;
    private long[] lastRapl;
    private long lastNanos;
    private boolean cpuStatMissing;

    private MachineSampler(MonitorSources sources, GpuSet gpus, RaplReader rapl, Consumer<String> log) {
        this.sources = sources;
        this.cpuStat = new CpuStat(sources.proc());
        this.frequencies = new CpuFrequencies(sources.sys(), sources.proc());
        this.processes = new ProcessTable(sources.proc());
        this.gpus = gpus;
        this.rapl = rapl;
        this.log = log;
        lastCpu = readCpu();
        lastProcesses = processes.read();
        lastRapl = readRapl();
        lastNanos = System.nanoTime();
    }

    /** Opens every source; only a GPU index that NVML does not have is an error (one sentence). */
    static MachineSampler open(MonitorSources sources, int device, Consumer<String> log) {
        GpuSet gpus;
        try {
            // GpuReader also reports a missing energy counter, which matters to the profiler; the monitor shows power, not energy
            gpus = GpuSet.open(sources.nvml(), device, note -> {
                if (!note.contains("total-energy counter")) log.accept(note);
            });
        } catch (IllegalArgumentException e) {
            throw new LlmbenchException("--device " + device + " is invalid: " + e.getMessage());
        }
        if (gpus.unavailable() != null) log.accept("No GPU: " + gpus.unavailable() + "; showing the CPU side only.");
        RaplReader rapl = null;
        try {
            rapl = RaplReader.open(sources.powercap());
        } catch (TelemetryUnavailableException e) {
            log.accept("CPU package power n/a: " + e.getMessage() + ".");
        }
        MachineSampler s = new MachineSampler(sources, gpus, rapl, log);
        String freq = s.frequencies.source();
        if (!freq.equals("cpufreq")) {
            log.accept(freq.equals("none") ? "Core frequencies n/a: no cpufreq in sysfs and no /proc/cpuinfo."
                    : "Core frequencies from /proc/cpuinfo (no cpufreq in sysfs): often the nominal clock on a virtual machine.");
        }
        return s;
    }

    MachineSample sample() {
        long now = System.nanoTime();
        double seconds = (now - lastNanos) * 1e-9;
        CpuStat.Reading cpu = readCpu();
        Map<Integer, ProcessTable.Entry> procs = processes.read();
        long[] energy = readRapl();

        double cpuPercent = Double.NaN, ticksPerCore = Double.NaN;
        List<MachineSample.Core> cores = new ArrayList<>();
        if (cpu != null && lastCpu != null) {
            cpuPercent = cpu.all().busyPercentSince(lastCpu.all());
            Map<Integer, Double> mhz = frequencies.read();
            for (CpuStat.Ticks core : cpu.cores()) {
                CpuStat.Ticks before = lastCpu.cores().stream().filter(c -> c.name().equals(core.name())).findFirst().orElse(core);
                cores.add(new MachineSample.Core(core.core(), core.busyPercentSince(before), mhz.getOrDefault(core.core(), Double.NaN)));
            }
            // process ticks and /proc/stat ticks share a unit (USER_HZ): elapsed ticks per core = total ticks / cores
            ticksPerCore = (cpu.all().total() - lastCpu.all().total()) / (double) Math.max(1, cpu.cores().size());
        }
        List<MachineSample.Proc> byCpu = new ArrayList<>();
        for (ProcessTable.Entry p : procs.values()) {
            ProcessTable.Entry before = lastProcesses.get(p.pid());
            double pct = before == null || !(ticksPerCore > 0) ? Double.NaN : 100.0 * (p.cpuTicks() - before.cpuTicks()) / ticksPerCore;
            byCpu.add(new MachineSample.Proc(p.pid(), p.name(), pct, p.rssBytes()));
        }
        List<MachineSample.Proc> byRss = new ArrayList<>(byCpu);
        byCpu.removeIf(p -> Double.isNaN(p.cpuPercent()));
        byCpu.sort(Comparator.comparingDouble(MachineSample.Proc::cpuPercent).reversed().thenComparing(MachineSample.Proc::pid));
        byRss.sort(Comparator.comparingLong(MachineSample.Proc::rssBytes).reversed().thenComparing(MachineSample.Proc::pid));

        double watts = Double.NaN;
        if (rapl != null && energy != null && lastRapl != null && seconds > 0) watts = rapl.joulesBetween(lastRapl, energy) / seconds;

        List<MachineSample.Gpu> gpuSamples = new ArrayList<>();
        for (GpuReader g : gpus.readers()) {
            gpuSamples.add(new MachineSample.Gpu(g.index(), g.name(), g.read(), g.powerLimitWatts()));
        }
        if (cpu != null) lastCpu = cpu;
        lastProcesses = procs;
        lastRapl = energy;
        lastNanos = now;
        return new MachineSample(LocalDateTime.now(), cpuPercent, cores, LoadAverage.read(sources.proc()), MemInfo.read(sources.proc()),
                watts, List.copyOf(byCpu.subList(0, Math.min(TOP, byCpu.size()))), List.copyOf(byRss.subList(0, Math.min(TOP, byRss.size()))),
                gpuSamples);
    }

    private CpuStat.Reading readCpu() {
        try {
            return cpuStat.read();
        } catch (TelemetryUnavailableException e) {
            if (!cpuStatMissing) log.accept("CPU utilisation n/a: " + e.getMessage() + ".");
            cpuStatMissing = true;
            return null;
        }
    }

    private long[] readRapl() {
        if (rapl == null) return null;
        try {
            return rapl.read();
        } catch (TelemetryUnavailableException e) {
            return null;
        }
    }

    @Override
    public void close() {
        gpus.close();
    }
}
