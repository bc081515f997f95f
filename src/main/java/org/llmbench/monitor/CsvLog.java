package org.llmbench.monitor;

import org.llmbench.LlmbenchException;
import org.llmbench.telemetry.GpuSample;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every sample as one CSV row. The file must not exist (it is never overwritten); each row goes
 * out in one append, so a reader (or a crash) never sees half a row. The columns are fixed by the
 * first sample; a value the machine did not give is an empty field, never 0.
 */
final class CsvLog implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private final Path file;
    private final FileChannel channel;
    private List<String> columns;

    private CsvLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static CsvLog create(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) java.nio.file.Files.createDirectories(dir);
            return new CsvLog(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (FileAlreadyExistsException e) {
            throw new LlmbenchException("--csv " + file + " already exists; samples are never written over a file, choose a new name.");
        } catch (IOException e) {
            throw new LlmbenchException("--csv " + file + " cannot be created: " + e.getMessage());
        }
    }

    void append(MachineSample s) {
        Map<String, String> row = row(s);
        StringBuilder text = new StringBuilder();
        if (columns == null) {
            columns = new ArrayList<>(row.keySet());
            text.append(String.join(",", columns)).append('\n');
        }
        List<String> values = new ArrayList<>();
        for (String c : columns) values.add(row.getOrDefault(c, ""));
        text.append(String.join(",", values)).append('\n');
        write(text.toString());
    }

    private void write(String text) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) channel.write(bytes); // one write for a row on Linux; the loop covers a short write
        } catch (IOException e) {
            throw new LlmbenchException("Cannot append to " + file + ": " + e.getMessage());
        }
    }

    static Map<String, String> row(MachineSample s) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("time", s.time().format(TIME));
        r.put("cpu_percent", num(s.cpuPercent()));
        for (MachineSample.Core c : s.cores()) r.put("cpu" + c.number() + "_percent", num(c.busyPercent()));
        for (MachineSample.Core c : s.cores()) r.put("cpu" + c.number() + "_mhz", num(c.mhz()));
        r.put("load1", s.load() == null ? "" : num(s.load().one()));
        r.put("load5", s.load() == null ? "" : num(s.load().five()));
        r.put("load15", s.load() == null ? "" : num(s.load().fifteen()));
        r.put("mem_total_bytes", s.memory() == null ? "" : String.valueOf(s.memory().totalBytes()));
        r.put("mem_available_bytes", s.memory() == null ? "" : String.valueOf(s.memory().availableBytes()));
        r.put("package_watts", num(s.packageWatts()));
        for (MachineSample.Gpu g : s.gpus()) {
            GpuSample x = g.reading();
            String p = "gpu" + g.index() + "_";
            r.put(p + "util_percent", num(x.gpuUtilPercent()));
            r.put(p + "mem_util_percent", num(x.memUtilPercent()));
            r.put(p + "mem_used_bytes", x.memUsedBytes() < 0 ? "" : String.valueOf(x.memUsedBytes()));
            r.put(p + "mem_total_bytes", x.memTotalBytes() < 0 ? "" : String.valueOf(x.memTotalBytes()));
            r.put(p + "temp_c", num(x.temperatureCelsius()));
            r.put(p + "power_watts", num(x.powerWatts()));
            r.put(p + "power_limit_watts", num(g.powerLimitWatts()));
            r.put(p + "sm_mhz", num(x.smClockMhz()));
            r.put(p + "mem_mhz", num(x.memClockMhz()));
            r.put(p + "clock_events", x.clockEventMask() < 0 ? "" : Readings.clockEvents(x.clockEventMask(), "+"));
        }
        return r;
    }

    private static String num(double v) {
        if (!Readings.known(v)) return "";
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // every row was written already; nothing left to lose
        }
    }
}
