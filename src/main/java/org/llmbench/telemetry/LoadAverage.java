package org.llmbench.telemetry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** /proc/loadavg: runnable-task averages over 1, 5 and 15 minutes. */
public record LoadAverage(double one, double five, double fifteen) {

    /** The current load, or null where /proc/loadavg cannot be read. */
    public static LoadAverage read(Path procRoot) {
        try {
            String[] f = Files.readString(procRoot.resolve("loadavg")).trim().split("\\s+");
            return new LoadAverage(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
