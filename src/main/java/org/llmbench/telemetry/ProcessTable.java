package org.llmbench.telemetry;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Every process on the machine from /proc/[pid]: name and resident set from status, CPU ticks
 * (utime + stime, USER_HZ, the unit of /proc/stat) from stat. A process that exits while it is
 * being read is left out of that snapshot.
 */
public final class ProcessTable {
    private final Path procRoot;

    public ProcessTable(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** One snapshot by pid; empty where /proc cannot be listed. */
    public Map<Integer, Entry> read() {
        Map<Integer, Entry> out = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                Entry e = entry(dir);
                if (e != null) out.put(e.pid(), e);
            }
        } catch (IOException | RuntimeException e) {
            out.clear();
        }
        return out;
    }

    private static Entry entry(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String status = Files.readString(dir.resolve("status"));
            int close = stat.lastIndexOf(')'); // the name in parentheses may itself hold spaces and parentheses
            String[] f = stat.substring(close + 2).trim().split("\\s+");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
            String name = stat.substring(stat.indexOf('(') + 1, close);
            long rss = ProcessReader.statusField(status, "VmRSS:"); // kernel threads have none
            return new Entry(Integer.parseInt(dir.getFileName().toString()), name, ticks, Math.max(rss, 0));
        } catch (IOException | RuntimeException e) {
            return null; // exited meanwhile, or not ours to read
        }
    }

    /** One process: CPU ticks since it started, resident set in bytes. */
    public record Entry(int pid, String name, long cpuTicks, long rssBytes) {
    }
}
