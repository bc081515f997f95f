package org.llmbench.endpoint;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * endpoint measures servers over HTTP and shares nothing with the engine; the report reads endpoint
 * results through the results package only; results depends on nothing of ours but LlmbenchException.
 */
class EndpointPackageBoundaryTest {
    private static List<Path> sources(String pkg) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/llmbench", pkg))) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void endpointImportsNoEngineReportOrServer() throws IOException {
        List<Path> java = sources("endpoint");
        assertFalse(java.isEmpty(), "run from the project root");
        for (Path f : java) {
            String src = Files.readString(f);
            for (String forbidden : List.of("engine", "model", "weights", "quant", "serve", "report", "cli", "gemm", "telemetry")) {
                assertFalse(src.contains("import org.llmbench." + forbidden + "."), f + " imports org.llmbench." + forbidden);
            }
        }
    }

    @Test
    void reportAndResultsDoNotReachIntoEndpoint() throws IOException {
        for (Path f : sources("report")) assertFalse(Files.readString(f).contains("org.llmbench.endpoint"), f + " uses the endpoint package");
        for (Path f : sources("results")) {
            String src = Files.readString(f);
            assertFalse(src.lines().anyMatch(l -> l.startsWith("import org.llmbench.") && !l.equals("import org.llmbench.LlmbenchException;")
                    && !l.startsWith("import org.llmbench.results.")), f + " depends on another llmbench package");
        }
    }
}
