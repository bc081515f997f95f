package org.llmbench.monitor;

import org.junit.jupiter.api.Test;
import org.llmbench.telemetry.NvmlStub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real command ({@code java ... Main monitor}) in a real pseudo-terminal: tmux runs it in a
 * 120x40 pane, capture-pane reads the screen as a person would see it, send-keys types q. The GPU
 * side is the NVML stub, found by JNA on jna.library.path exactly as the driver's library would be.
 */
class TmuxScreenTest {
    private final String socket = "llmbench-test-" + ProcessHandle.current().pid();

    @Test
    void fullScreenInATerminalThenQRestoresIt() throws Exception {
        assumeTrue(run("tmux", "-V").startsWith("tmux"), "tmux is not installed (.ci/run installs it)");
        NvmlStub.build();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "'" + java + "' -Djna.library.path='" + NvmlStub.DIR + "' -cp '" + System.getProperty("java.class.path")
                + "' org.llmbench.cli.Main monitor --interval 500ms; echo EXIT=$?; stty -a | grep -o -- '-*icanon'; sleep 60";
        try {
            tmux("new-session", "-d", "-s", "monitor", "-x", "120", "-y", "40", command);
            String screen = pane(s -> s.contains("GPU 1 (Stub GPU Old)") && s.contains("Top processes by CPU"));
            List<String> lines = screen.lines().toList();
            assertTrue(lines.get(0).matches("llmbench monitor   \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d   every 500ms   q or Ctrl-C quits"), screen);
            assertTrue(lines.get(1).matches("CPU +\\d+% .*load [0-9.]+ [0-9.]+ [0-9.]+   package power .*"), screen);
            assertTrue(lines.get(2).matches("Memory [0-9.]+ of [0-9.]+ GiB used, [0-9.]+ GiB available"), screen);
            assertTrue(lines.get(3).matches("  cpu0 +\\d+% \\[[# ]{12}\\] .*"), screen);
            assertEquals("", lines.get(4), "nothing left over from the first frame: " + screen);
            assertTrue(screen.contains("\nGPU 0 (Stub GPU Volta+)   util 93%   memory 5.0 of 16.0 GiB (busy 41%)\n"
                    + "  temp 67 C   power 250 of 300 W   clocks SM 1410 MHz, memory 1215 MHz\n"
                    + "  throttle reasons (clock events): SwPowerCap, SwThermal\n"), screen);
            assertTrue(screen.contains("\nGPU 1 (Stub GPU Old)   util 10%   memory 5.0 of 16.0 GiB (busy 5%)\n  temp 45 C   power 70 of 75 W   clocks SM 1410 MHz, memory 1215 MHz\n"
                    + "  throttle reasons (clock events): n/a\n"), screen);
            assertTrue(lines.stream().anyMatch(l -> l.matches(" +\\d+ +\\d+% +\\d+M  java.*")), "this JVM among the processes: " + screen);
            assertEquals("1", tmux("display-message", "-p", "-t", "monitor", "#{alternate_on}").strip(), "on the alternate screen");

            tmux("send-keys", "-t", "monitor", "q");
            String after = pane(s -> s.contains("icanon"));
            assertTrue(after.contains("EXIT=0"), after);
            assertTrue(after.lines().anyMatch(l -> l.equals("icanon")), "line editing back on (not -icanon): " + after);
            assertFalse(after.contains("Top processes"), "the monitor's screen is gone: " + after);
            assertEquals("0", tmux("display-message", "-p", "-t", "monitor", "#{alternate_on}").strip());
        } finally {
            run("tmux", "-L", socket, "kill-server");
        }
    }

    /** Polls the pane's text until it satisfies the condition (30 s at most). */
    private String pane(Predicate<String> ready) throws Exception {
        String text = "";
        for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end; Thread.sleep(200)) {
            text = tmux("capture-pane", "-p", "-t", "monitor");
            if (ready.test(text)) return text;
        }
        fail("the pane never showed what was expected:\n" + text);
        return text;
    }

    private String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    private static String run(String... cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException notInstalled) {
            return "";
        }
    }
}
