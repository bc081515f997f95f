package org.llmbench.cli;

import org.llmbench.io.ResultsFolder;

import org.llmbench.io.AtomicFiles;
import org.llmbench.results.FailedConfiguration;
import org.llmbench.results.SessionFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One run's session folder, results/&lt;timestamp&gt;/: JMH writes its results under a temporary
 * name that only becomes jmh.json when the run ends; a run that is interrupted leaves, instead of
 * a half-written file, INCOMPLETE.txt saying what happened (or, when nothing was written yet, no
 * folder at all).
 */
final class RunFolder {
    final Path dir;
    final Path partial;
    final Path result;
    private final Thread onInterrupt = new Thread(this::interrupted, "llmbench-interrupted-run");
    private volatile boolean finished;

    private RunFolder(Path dir, String format) {
        this.dir = dir;
        this.partial = dir.resolve("jmh." + format + ".partial");
        this.result = dir.resolve("jmh." + format);
    }

    static RunFolder create(Path root, String format) {
        RunFolder f = new RunFolder(ResultsFolder.newSession(root), format);
        Runtime.getRuntime().addShutdownHook(f.onInterrupt);
        return f;
    }

    /** The run ended (well or not): moves the results into place; returns false when JMH wrote none. */
    boolean finish() throws IOException {
        finished = true;
        removeHook();
        if (!Files.exists(partial)) return false;
        Files.move(partial, result, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    void writeFailures(List<FailedConfiguration> failures) {
        if (!failures.isEmpty()) SessionFiles.writeFailures(dir, failures);
    }

    /** Nothing was run (JMH refused to start): leaves no empty folder behind. */
    void discard() {
        finished = true;
        removeHook();
        try {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(dir.resolve(SessionFiles.ENV));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a folder that holds more than we wrote stays
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // already running
        }
    }

    /** The JVM is going down mid-run (Ctrl-C): no half-written results, and a note that says so. */
    void interrupted() {
        if (finished) return;
        try {
            Files.deleteIfExists(partial);
            AtomicFiles.writeNew(dir.resolve(SessionFiles.INCOMPLETE), "This run was interrupted at "
                    + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + " before JMH finished, so it has no results (no "
                    + result.getFileName() + "); " + SessionFiles.ENV + " says what was run, " + SessionFiles.CONFIGURATIONS
                    + "/ what the configurations that started were set up with.\n");
            System.err.println("llmbench: run interrupted; " + dir + " holds no results (see " + SessionFiles.INCOMPLETE + ").");
        } catch (IOException | RuntimeException e) {
            // going down: nothing more to do
        }
    }
}
