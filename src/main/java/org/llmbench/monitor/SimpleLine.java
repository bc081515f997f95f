package org.llmbench.monitor;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.llmbench.monitor.Readings.NA;
import static org.llmbench.monitor.Readings.number;
import static org.llmbench.monitor.Readings.percent;

/** One plain ASCII line per sample, for logs, pipes and terminals that cannot show the full view. */
final class SimpleLine {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SimpleLine() {
    }

    static String format(MachineSample s) {
        StringBuilder sb = new StringBuilder(s.time().format(CLOCK));
        sb.append(" cpu ").append(percent(s.cpuPercent()));
        sb.append(" cores [").append(s.cores().stream().map(c -> percent(c.busyPercent())).collect(Collectors.joining(" "))).append(']');
        sb.append(" MHz [").append(s.cores().stream().map(c -> number(c.mhz(), "%.0f", "")).collect(Collectors.joining(" "))).append(']');
        sb.append(" load ").append(s.load() == null ? NA : String.format(Locale.ROOT, "%.2f/%.2f/%.2f", s.load().one(), s.load().five(), s.load().fifteen()));
        sb.append(" mem ").append(s.memory() == null ? NA
                : Readings.gib(s.memory().usedBytes()) + "/" + Readings.gib(s.memory().totalBytes()) + " GiB avail " + Readings.gib(s.memory().availableBytes()) + " GiB");
        sb.append(" pkg ").append(number(s.packageWatts(), "%.1f", " W"));
        if (!s.topByCpu().isEmpty()) {
            MachineSample.Proc p = s.topByCpu().get(0);
            sb.append(" top ").append(p.name()).append('(').append(p.pid()).append(") ").append(percent(p.cpuPercent()));
        }
        for (MachineSample.Gpu g : s.gpus()) {
            var r = g.reading();
            sb.append(" | gpu").append(g.index())
                    .append(" util ").append(percent(r.gpuUtilPercent()))
                    .append(" mem ").append(r.memUsedBytes() >= 0 && r.memTotalBytes() >= 0
                            ? Readings.gib(r.memUsedBytes()) + "/" + Readings.gib(r.memTotalBytes()) + " GiB" : NA)
                    .append(" temp ").append(number(r.temperatureCelsius(), "%.0f", " C"))
                    .append(" power ").append(number(r.powerWatts(), "%.0f", "")).append('/').append(number(g.powerLimitWatts(), "%.0f", " W"))
                    .append(" sm ").append(number(r.smClockMhz(), "%.0f", " MHz"))
                    .append(" memclk ").append(number(r.memClockMhz(), "%.0f", " MHz"))
                    .append(" events ").append(Readings.clockEvents(r.clockEventMask(), ","));
        }
        return sb.toString();
    }
}
