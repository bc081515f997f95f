package org.llmbench.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Vector API is an incubator module that a jar manifest cannot add, so a subcommand that
 * runs the engine re-launches this JVM with --add-modules (users type the plain java -jar command).
 */
final class VectorModule {
    private VectorModule() {
    }

    static boolean present() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * JMH's -jvmArgsAppend replaces the benchmarks' own @Fork(jvmArgsAppend), which carries the
     * module flag and the heap size: keeps both in a user's value (the forks fail without the module).
     */
    static void keepInForks(List<String> args) {
        int i = args.indexOf("-jvmArgsAppend");
        if (i < 0 || i + 1 >= args.size()) return;
        String v = args.get(i + 1);
        if (!v.contains("jdk.incubator.vector")) v += " --add-modules=jdk.incubator.vector";
        if (!v.contains("-Xmx") && !v.contains("MaxRAM")) v += " -XX:MaxRAMPercentage=75";
        args.set(i + 1, v.strip());
    }

    static int relaunch(String[] args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector"));
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        cmd.addAll(jvmArgs);
        if (jvmArgs.stream().noneMatch(a -> a.startsWith("-Xmx") || a.contains("MaxRAM"))) {
            cmd.add("-XX:MaxRAMPercentage=75"); // large models need more than the default quarter of RAM
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        try {
            Process child = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            Thread err = new Thread(() -> copyWithoutWarning(child.getErrorStream()), "llmbench-stderr");
            err.start();
            // SIGTERM reaches only this JVM: pass it on (a server in the child stops cleanly) and wait a while for it
            Thread forward = new Thread(() -> {
                child.destroy();
                try {
                    if (!child.waitFor(20, TimeUnit.SECONDS)) child.destroyForcibly();
                } catch (InterruptedException e) {
                    child.destroyForcibly();
                }
            }, "llmbench-forward-stop");
            Runtime.getRuntime().addShutdownHook(forward);
            int rc = child.waitFor();
            err.join();
            try {
                Runtime.getRuntime().removeShutdownHook(forward);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs and returns at once
            }
            return rc;
        } catch (Exception e) {
            throw new org.llmbench.LlmbenchException("Could not re-launch java with the Vector API module: " + e.getMessage());
        }
    }

    /** The child's stderr, less the incubator-module warning the JVM prints for the flag we added ourselves. */
    private static void copyWithoutWarning(java.io.InputStream in) {
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.equals(ConsoleFormat.INCUBATOR_WARNING)) {
                    System.err.println(line);
                    System.err.flush();
                }
            }
        } catch (java.io.IOException e) {
            // the child is gone
        }
    }
}
