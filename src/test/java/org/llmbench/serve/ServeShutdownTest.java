package org.llmbench.serve;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SIGTERM on `serve` as users start it (plain java -jar style: no Vector API flag, so the JVM
 * re-launches itself): the signal reaches the server, an in-flight stream ends with an error event,
 * and every process exits.
 */
class ServeShutdownTest {
    @Test
    void sigtermEndsInFlightStreamsWithAnErrorEventAndExits() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaBin, "-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.llmbench.cli.Main",
                "serve", "--model", "llama-tiny", "--port", "0", "--max-batch", "2", "--threads", "1").redirectErrorStream(true).start();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    output.add(line);
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                output.add("(output: " + e + ")");
            }
        });
        reader.start();
        try {
            String url = null;
            while (url == null) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                if (line == null) break;
                if (line.contains("ready at ")) url = line.substring(line.indexOf("ready at ") + 9, line.indexOf(" (model"));
            }
            assertNotNull(url, "no ready line: " + output);
            URI u = URI.create(url);
            try (Socket s = new Socket(u.getHost(), u.getPort())) {
                s.setSoTimeout(30_000);
                String body = "{\"prompt\":[5,6],\"max_tokens\":250,\"ignore_eos\":true,\"stream\":true}";
                OutputStream os = s.getOutputStream();
                os.write(("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                os.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
                    // headers, then the first event
                }
                p.toHandle().destroy(); // SIGTERM to the launching JVM (Process.destroy would also close our end of its output), which passes it on to the server's JVM
                String last = line;
                while ((line = in.readLine()) != null) if (line.startsWith("data: ")) last = line;
                assertTrue(last.contains("\"error\"") && last.contains("shutting down"), "the stream's last event: " + last);
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher exits");
            reader.join(10_000);
            assertTrue(output.contains("llmbench serve: stopped"), output.toString());
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertTrue(p.descendants().noneMatch(ProcessHandle::isAlive), "no server left behind");
    }
}
