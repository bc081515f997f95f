package org.llmbench.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.monitor.FakeMachine;
import org.llmbench.telemetry.NvmlStub;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code monitor --simple} through the CLI against a fake /proc + sysfs tree and the NVML stub. */
class MonitorCommandTest {
    @TempDir
    Path dir;

    @AfterEach
    void reset() {
        NvmlStub.control().nvmlStub_reset();
    }

    /** {exit code, stdout, stderr} of the monitor command over the fake machine. */
    private Object[] monitor(FakeMachine machine, String... args) {
        MonitorCommand command = new MonitorCommand();
        command.sources = machine.sources();
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.runCommand(command, args);
            return new Object[]{code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void simpleForTwoSecondsPrintsTwoLinesAndWritesEverySampleToANewCsv() throws Exception {
        NvmlStub.control().nvmlStub_setUnsupported(1, NvmlStub.UNSUPPORTED_TEMPERATURE | NvmlStub.UNSUPPORTED_POWER_LIMIT);
        FakeMachine machine = new FakeMachine(dir);
        Path csv = dir.resolve("samples/monitor.csv");
        Object[] r;
        try (AutoCloseable ticking = machine.ticking()) {
            r = monitor(machine, "--simple", "--duration", "2s", "--csv", csv.toString());
        }
        assertEquals(0, r[0], (String) r[2]);
        List<String> lines = ((String) r[1]).lines().toList();
        assertEquals(2, lines.size(), r[1] + "" + r[2]);
        for (String line : lines) { // the process's exact share is MachineSamplerTest's (here /proc/stat and /proc/4242 tick apart)
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d cpu 50% cores \\[30% 70%\\] MHz \\[3100 2800\\] load 1.50/0.75/0.25 "
                    + "mem 8.0/24.0 GiB avail 16.0 GiB pkg [0-9.]+ W top llm server\\(4242\\) \\d+% "
                    + "\\| gpu0 util 93% mem 5.0/16.0 GiB temp 67 C power 250/300 W sm 1410 MHz memclk 1215 MHz events SwPowerCap,SwThermal "
                    + "\\| gpu1 util 10% mem 5.0/16.0 GiB temp n/a power 70/n/a sm 1410 MHz memclk 1215 MHz events n/a"), line);
        }
        List<String> rows = Files.readAllLines(csv);
        assertEquals(3, rows.size(), "header and one row per sample");
        assertTrue(rows.get(0).startsWith("time,cpu_percent,cpu0_percent,cpu1_percent,cpu0_mhz,cpu1_mhz,load1,load5,load15,"), rows.get(0));
        List<String> header = List.of(rows.get(0).split(",", -1));
        List<String> last = List.of(rows.get(2).split(",", -1));
        assertEquals(header.size(), last.size());
        assertEquals("50", last.get(header.indexOf("cpu_percent")));
        assertEquals("", last.get(header.indexOf("gpu1_temp_c")), "NOT_SUPPORTED is empty, never 0");
        assertEquals("67", last.get(header.indexOf("gpu0_temp_c")));

        String before = Files.readString(csv);
        Object[] again = monitor(machine, "--simple", "--duration", "1s", "--csv", csv.toString());
        assertEquals(2, again[0]);
        assertEquals("llmbench: --csv " + csv + " already exists; samples are never written over a file, choose a new name.", ((String) again[2]).strip());
        assertEquals(before, Files.readString(csv), "never overwritten");
    }

    @Test
    void badOptionsGetOneSentenceAndExitCode2() {
        FakeMachine machine = new FakeMachine(dir);
        assertRejected(machine, "--interval '0' is invalid; give a positive duration such as 500ms, 1s, 10m or 2h.", "--interval", "0");
        assertRejected(machine, "--interval 50ms is too short; the shortest interval is 100ms.", "--interval", "50ms");
        assertRejected(machine, "--duration 'soon' is invalid", "--duration", "soon");
        assertRejected(machine, "--device -1 is invalid; give an NVML GPU index", "--device", "-1");
        assertRejected(machine, "--device 2 is invalid: GPU 2 does not exist; NVML sees 2 device(s), numbered 0 to 1.", "--simple", "--device", "2", "--duration", "1s");
    }

    private void assertRejected(FakeMachine machine, String expected, String... args) {
        Object[] r = monitor(machine, args);
        assertEquals(2, r[0], String.join(" ", args));
        String err = ((String) r[2]).strip();
        assertTrue(err.contains(expected), err);
        assertEquals(1, err.lines().count(), err);
        assertEquals("", r[1]);
    }
}
