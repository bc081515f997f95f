package org.llmbench.sysinfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine and JVM a result came from, read without native code. */
public record MachineInfo(String cpuModel, int cores, long memoryBytes, String jdk, String jdkVendor, String os, String arch) {

    public static MachineInfo current() {
        return new MachineInfo(
                procField("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(),
                procField("/proc/meminfo", "MemTotal").map(MachineInfo::kib).orElse(-1L),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"));
    }

    private static Optional<String> procField(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long kib(String value) {
        return Long.parseLong(value.replace("kB", "").trim()) * 1024;
    }
}
