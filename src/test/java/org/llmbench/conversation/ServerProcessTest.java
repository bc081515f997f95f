package org.llmbench.conversation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A server configuration's process, with real child processes: healthy and stopped by its PID, exits at once, never healthy, port taken. */
class ServerProcessTest {
    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String javaCommand(String mainClass, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return "'" + java + "' -Xmx64m -cp '" + System.getProperty("java.class.path") + "' " + mainClass + " " + String.join(" ", args);
    }

    private ServerProcess start(String command, URI health, Duration timeout) throws ServerProcess.Failed {
        return ServerProcess.start(ServerCommand.parse(command, "--server-cmd"), health, timeout, Duration.ofSeconds(10), dir.resolve("out.log"), dir.resolve("err.log"));
    }

    @Test
    void aHealthyServerIsTimedMeasuredAndStoppedByItsPid() throws Exception {
        int port = freePort();
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        ServerProcess s = start(javaCommand(ScriptedServerMain.class.getName(), String.valueOf(port), "0", "0"), health, Duration.ofSeconds(60));
        assertTrue(s.startupSeconds() > 0 && s.startupSeconds() < 60, "startup " + s.startupSeconds());
        assertTrue(ServerProcess.healthy(health));
        assertTrue(s.peakRssBytes() > 10L << 20, "a JVM's resident peak: " + s.peakRssBytes());
        long pid = s.pid();
        String how = s.stop();
        assertTrue(how.startsWith("stopped by SIGTERM in "), how);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(ServerProcess.portInUse(health), "the port is free for the next configuration");
        assertEquals(how, s.stop(), "stopping twice does nothing more");
    }

    @Test
    void aServerThatExitsAtOnceIsReportedWithItsCodeAndStderr() {
        ServerProcess.Failed f = assertThrows(ServerProcess.Failed.class,
                () -> start("sh -c 'echo loading >&2; echo \"boom: no such model\" >&2; exit 3'", URI.create("http://127.0.0.1:9/health"), Duration.ofSeconds(30)));
        assertEquals("the server exited with code 3 before it became healthy", f.getMessage());
        assertEquals(3, f.exitCode);
        assertEquals(List.of("loading", "boom: no such model"), f.lastStderr);
    }

    @Test
    void aServerThatNeverBecomesHealthyIsKilledAfterTheStartupTimeout() throws Exception {
        long t0 = System.nanoTime();
        ServerProcess.Failed f = assertThrows(ServerProcess.Failed.class,
                () -> start("sleep 30", URI.create("http://127.0.0.1:" + freePort() + "/health"), Duration.ofMillis(1500)));
        assertTrue(f.getMessage().startsWith("the server was not healthy within 1500 ms (GET http://127.0.0.1:"), f.getMessage());
        assertTrue(f.getMessage().contains("/health); stopped by SIGTERM in "), "the process was stopped, not left behind: " + f.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 15, "bounded");
    }

    @Test
    void aPortAlreadyTakenIsNotMistakenForTheNewServer() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ServerProcess.Failed f = assertThrows(ServerProcess.Failed.class,
                    () -> start("sleep 30", URI.create("http://127.0.0.1:" + taken.getLocalPort() + "/health"), Duration.ofSeconds(5)));
            assertEquals("port " + taken.getLocalPort() + " of 127.0.0.1 was in use before the server started (another process listens there); stop it or use another port",
                    f.getMessage());
        }
    }
}
