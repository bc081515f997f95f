package org.llmbench.cli;

import org.llmbench.runtime.MemoryBudget;
import org.llmbench.sysinfo.MachineInfo;

import picocli.CommandLine.Command;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "sysinfo", mixinStandardHelpOptions = true,
        description = "Describe this machine: CPU, cores, memory, JDK, and its measured roofline (triad bandwidth, peak fp32 FLOPS).")
final class SysinfoCommand implements Callable<Integer> {
    /** For the launcher: measure only the roofline and write it as JSON (a run with Kernel or Matmul benchmarks records it). */
    @picocli.CommandLine.Option(names = "--roofline-json", hidden = true, paramLabel = "FILE")
    java.nio.file.Path rooflineJson;

    @Override
    public Integer call() {
        if (rooflineJson != null) {
            org.llmbench.sysinfo.Roofline r = org.llmbench.sysinfo.Roofline.measure();
            org.llmbench.io.AtomicFiles.writeNew(rooflineJson, org.llmbench.results.SessionFiles.GSON.toJson(
                    new org.llmbench.results.Roofline(r.triadGBpsAll() * 1e9, r.peakGflopsAll() * 1e9, r.threads())));
            return 0;
        }
        MachineInfo m = MachineInfo.current();
        System.out.println("CPU:      " + m.cpuModel() + " (" + m.cores() + " cores available to the JVM)");
        System.out.printf(Locale.ROOT, "Memory:   %.1f GiB physical, %.1f GiB JVM heap limit%n",
                MemoryBudget.gib(m.memoryBytes()), MemoryBudget.gib(Runtime.getRuntime().maxMemory()));
        System.out.println("JDK:      " + m.jdk() + " (" + m.jdkVendor() + ")");
        System.out.println("OS:       " + m.os() + " " + m.arch());
        System.out.println("Vectors:  " + org.llmbench.runtime.VectorWidth.describe() + " (the width every kernel uses)");
        org.llmbench.telemetry.TelemetryInfo.describe().forEach(System.out::println);
        org.llmbench.sysinfo.Roofline.measure().print(System.out);
        org.llmbench.gemm.GemmBackends.printAvailability(System.out);
        return 0;
    }
}
