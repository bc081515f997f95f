package org.llmbench.monitor;

import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.telemetry.GpuSet;
import org.llmbench.telemetry.NvmlStub;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** The full-screen loop on JLine's virtual terminal (fixed size, keys from a pipe): it draws, quits on q and Ctrl-C, restores. */
class FullScreenTest {
    private static final String ENTER_ALTERNATE = "\u001b[?1049h", LEAVE_ALTERNATE = "\u001b[?1049l", CURSOR_VISIBLE = "\u001b[?12;25h";
    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        NvmlStub.control().nvmlStub_reset();
    }

    @Test
    void qQuits() throws Exception {
        String screen = runUntilKey('q');
        assertTrue(screen.contains("GPU 0 (Stub GPU Volta+)   util 93%   memory 5.0 of 16.0 GiB (busy 41%)"), screen);
        assertTrue(screen.contains("Top processes by CPU"), screen);
    }

    @Test
    void ctrlCQuitsAsAKey() throws Exception {
        runUntilKey(FullScreen.CTRL_C);
    }

    /** Runs the view until its first full frame, types the key, and returns everything written to the terminal. */
    private String runUntilKey(int key) throws Exception {
        FakeMachine machine = new FakeMachine(dir);
        PipedOutputStream keys = new PipedOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AutoCloseable ticking = machine.ticking();
             Terminal terminal = TerminalBuilder.builder().system(false).streams(new PipedInputStream(keys), out)
                     .type("xterm-256color").size(new Size(120, 40)).encoding(StandardCharsets.UTF_8).build()) {
            var modesBefore = terminal.getAttributes().getLocalFlags();
            MonitorOptions options = new MonitorOptions(Duration.ofMillis(200), null, false, null, GpuSet.ALL);
            PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            Thread view = new Thread(() -> Monitor.run(options, machine.sources(), System.out, err, terminal));
            view.start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!out.toString(StandardCharsets.UTF_8).contains("Top processes by CPU") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(view.isAlive(), "no --duration: runs until a key");
            keys.write(key);
            keys.flush();
            view.join(5000);
            assertFalse(view.isAlive(), "the key ended the view");
            assertEquals(modesBefore, terminal.getAttributes().getLocalFlags(), "echo, line editing and signals back as they were");
        }
        String all = out.toString(StandardCharsets.UTF_8);
        assertTrue(all.startsWith(ENTER_ALTERNATE), "alternate screen first: " + all.substring(0, Math.min(40, all.length())));
        String tail = all.substring(all.lastIndexOf(LEAVE_ALTERNATE));
        assertTrue(tail.contains(CURSOR_VISIBLE), "left the alternate screen and showed the cursor again: " + tail);
        return all;
    }
}
