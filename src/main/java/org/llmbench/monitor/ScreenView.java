package org.llmbench.monitor;

import org.llmbench.telemetry.GpuSample;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.llmbench.monitor.Readings.NA;
import static org.llmbench.monitor.Readings.fit;
import static org.llmbench.monitor.Readings.number;
import static org.llmbench.monitor.Readings.pad;
import static org.llmbench.monitor.Readings.percent;

/**
 * The full-screen view as plain lines for a given size: machine summary, one bar per core, four
 * lines per GPU, the top processes by CPU and by resident set, and the notes (what is n/a and why).
 * Pure text, so tests check it without a terminal.
 */
final class ScreenView {
    static final int CORE_CELL = 38;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final History history;
    private final String every;
    private final boolean unicode;

    ScreenView(History history, String every, boolean unicode) {
        this.history = history;
        this.every = every;
        this.unicode = unicode;
    }

    /** Records the sample's series in the history (call once per sample, before {@link #render}). */
    void remember(MachineSample s) {
        history.add("cpu", s.cpuPercent());
        for (MachineSample.Gpu g : s.gpus()) {
            history.add("gpu" + g.index() + ".util", g.reading().gpuUtilPercent());
            history.add("gpu" + g.index() + ".power", g.reading().powerWatts());
            history.add("gpu" + g.index() + ".temp", g.reading().temperatureCelsius());
        }
    }

    List<String> render(MachineSample s, List<String> notes, int width, int height) {
        List<String> top = new ArrayList<>();
        top.add("llmbench monitor   " + s.time().format(CLOCK) + "   every " + every + "   q or Ctrl-C quits");
        top.add(cpuLine(s));
        top.add(memoryLine(s));
        top.addAll(coreLines(s, width));
        for (MachineSample.Gpu g : s.gpus()) {
            top.add("");
            top.addAll(gpuLines(g, width));
        }
        List<String> bottom = noteLines(notes, width, height);
        int room = height - top.size() - bottom.size() - 3; // blank line, two heading lines
        List<String> lines = new ArrayList<>(top.subList(0, Math.max(0, Math.min(top.size(), height - bottom.size()))));
        if (room > 0) {
            lines.add("");
            lines.addAll(processLines(s, width, room));
        }
        while (lines.size() < height - bottom.size()) lines.add("");
        lines.addAll(bottom); // what is n/a and why stays visible on a small screen
        return lines.subList(0, Math.min(lines.size(), height)).stream().map(l -> fit(l, width)).toList();
    }

    /** The screen before the first sample (rates need two readings). */
    List<String> waiting(List<String> notes, int width, int height) {
        List<String> lines = new ArrayList<>(List.of("llmbench monitor   first sample in " + every + "   q or Ctrl-C quits", ""));
        lines.addAll(noteLines(notes, width, height));
        return lines.subList(0, Math.min(lines.size(), height)).stream().map(l -> fit(l, width)).toList();
    }

    private String cpuLine(MachineSample s) {
        return "CPU " + pad(percent(s.cpuPercent()), 4) + " " + pad(Sparkline.of(history.values("cpu"), 0, 100, 20, unicode), 20)
                + "   load " + (s.load() == null ? NA : String.format(Locale.ROOT, "%.2f %.2f %.2f", s.load().one(), s.load().five(), s.load().fifteen()))
                + "   package power " + number(s.packageWatts(), "%.1f", " W");
    }

    private static String memoryLine(MachineSample s) {
        return "Memory " + (s.memory() == null ? NA : Readings.gib(s.memory().usedBytes()) + " of " + Readings.gib(s.memory().totalBytes())
                + " GiB used, " + Readings.gib(s.memory().availableBytes()) + " GiB available");
    }

    /** Notes word-wrapped to the width, at most a third of the screen. */
    private static List<String> noteLines(List<String> notes, int width, int height) {
        List<String> lines = new ArrayList<>();
        for (String note : notes) {
            StringBuilder line = new StringBuilder("note:");
            for (String word : note.split(" ")) {
                if (line.length() + 1 + word.length() > width && line.length() > 6) {
                    lines.add(line.toString());
                    line = new StringBuilder("     ");
                }
                line.append(' ').append(word);
            }
            lines.add(line.toString());
        }
        return lines.subList(0, Math.min(lines.size(), Math.max(1, height / 3)));
    }

    private static List<String> coreLines(MachineSample s, int width) {
        List<String> lines = new ArrayList<>();
        int perLine = Math.max(1, width / CORE_CELL);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < s.cores().size(); i++) {
            MachineSample.Core c = s.cores().get(i);
            String cell = String.format(Locale.ROOT, "  cpu%-3d %4s %s %s", c.number(), percent(c.busyPercent()), bar(c.busyPercent(), 12),
                    number(c.mhz(), "%.0f", " MHz"));
            line.append(pad(cell, CORE_CELL));
            if ((i + 1) % perLine == 0 || i == s.cores().size() - 1) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
            }
        }
        return lines;
    }

    private static String bar(double percent, int width) {
        if (!Readings.known(percent)) return "[" + pad(NA, width) + "]";
        int filled = (int) Math.round(Math.min(100, percent) / 100 * width);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    private List<String> gpuLines(MachineSample.Gpu g, int width) {
        GpuSample r = g.reading();
        String memory = r.memUsedBytes() >= 0 && r.memTotalBytes() >= 0
                ? Readings.gib(r.memUsedBytes()) + " of " + Readings.gib(r.memTotalBytes()) + " GiB" : NA;
        String first = g.name() + "   util " + percent(r.gpuUtilPercent()) + "   memory " + memory + " (busy " + percent(r.memUtilPercent()) + ")";
        String second = "  temp " + number(r.temperatureCelsius(), "%.0f", " C")
                + "   power " + number(r.powerWatts(), "%.0f", "") + " of " + number(g.powerLimitWatts(), "%.0f", " W")
                + "   clocks SM " + number(r.smClockMhz(), "%.0f", " MHz") + ", memory " + number(r.memClockMhz(), "%.0f", " MHz");
        String reasons = "  throttle reasons (clock events): " + Readings.clockEvents(r.clockEventMask(), ", ");
        int spark = Math.max(8, (width - 36) / 3);
        String k = "gpu" + g.index();
        double powerTop = Readings.known(g.powerLimitWatts()) ? g.powerLimitWatts() : max(history.values(k + ".power"));
        String third = "  util " + pad(Sparkline.of(history.values(k + ".util"), 0, 100, spark, unicode), spark)
                + "  power " + pad(Sparkline.of(history.values(k + ".power"), 0, powerTop, spark, unicode), spark)
                + "  temp " + Sparkline.of(history.values(k + ".temp"), 0, 100, spark, unicode);
        return List.of(first, second, reasons, third.stripTrailing());
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) if (v > m) m = v;
        return m;
    }

    private static List<String> processLines(MachineSample s, int width, int rows) {
        int half = Math.max(30, width / 2);
        List<String> lines = new ArrayList<>();
        lines.add(pad("Top processes by CPU (100% = one core)", half) + "Top processes by memory (resident set)");
        lines.add(pad(String.format(Locale.ROOT, "%7s %6s %6s  %s", "PID", "CPU", "RSS", "NAME"), half)
                + String.format(Locale.ROOT, "%7s %6s %6s  %s", "PID", "RSS", "CPU", "NAME"));
        for (int i = 0; i < rows; i++) {
            String left = i < s.topByCpu().size() ? row(s.topByCpu().get(i), true) : "";
            String right = i < s.topByRss().size() ? row(s.topByRss().get(i), false) : "";
            if (left.isEmpty() && right.isEmpty()) break;
            lines.add((pad(left, half) + right).stripTrailing());
        }
        return lines;
    }

    private static String row(MachineSample.Proc p, boolean cpuFirst) {
        String cpu = percent(p.cpuPercent()), rss = Readings.size(p.rssBytes());
        return String.format(Locale.ROOT, "%7d %6s %6s  %s", p.pid(), cpuFirst ? cpu : rss, cpuFirst ? rss : cpu, p.name());
    }
}
