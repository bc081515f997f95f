package org.llmbench.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The report reads result files only: it must never import the engine (or the CLI). */
class ReportPackageBoundaryTest {
    @Test
    void reportDoesNotImportTheEngine() throws IOException {
        Path dir = Path.of("src/main/java/org/llmbench/report");
        assertTrue(Files.isDirectory(dir), "run from the project root");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertFalse(java.isEmpty());
            for (Path f : java) {
                String src = Files.readString(f);
                assertFalse(src.contains("org.llmbench.engine"), f + " uses the engine");
                assertFalse(src.contains("org.llmbench.cli"), f + " uses the CLI");
            }
        }
    }
}
