package org.llmbench.report;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real JMH JSON for the tests: PrefillBenchmark and DecodeBenchmark on llama-tiny (prompt 8,
 * gen 4, batch 1 and 2), in this JVM (0 forks), very short iterations; run once per test JVM.
 */
final class TinyJmhRun {
    private static Path json;

    static {
        // JMH allows one run per machine (/tmp/jmh.lock); other test JVMs and developers' runs share
        // this machine, and these tests check the JSON's shape, not the speed: don't wait for the lock.
        System.setProperty("jmh.ignoreLock", "true");
    }

    private TinyJmhRun() {
    }

    static synchronized Path json() {
        if (json != null) return json;
        try {
            Path dir = Files.createTempDirectory("llmbench-tiny-jmh"); // a session folder: the benchmarks record their configurations here
            Path file = dir.resolve("jmh.json");
            System.setProperty(org.llmbench.results.SessionFiles.SESSION_PROPERTY, dir.toString());
            Options opt = new OptionsBuilder()
                    .include("org.llmbench.bench.(PrefillBenchmark|DecodeBenchmark)")
                    .param("model", "llama-tiny").param("promptLen", "8").param("genLen", "4").param("batch", "1", "2")
                    .forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(5).measurementTime(TimeValue.milliseconds(150))
                    .resultFormat(ResultFormatType.JSON).result(file.toString())
                    .shouldFailOnError(true)
                    .build();
            new Runner(opt).run();
            System.clearProperty(org.llmbench.results.SessionFiles.SESSION_PROPERTY);
            json = file;
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RunnerException e) {
            throw new IllegalStateException("the tiny JMH run failed", e);
        }
    }
}
