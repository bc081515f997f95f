package org.llmbench.monitor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.LlmbenchException;
import org.llmbench.telemetry.GpuSet;
import org.llmbench.telemetry.Nvml;
import org.llmbench.telemetry.NvmlStub;
import org.llmbench.telemetry.TelemetryUnavailableException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The sampler over a fake /proc + sysfs tree and the NVML stub, and what each view makes of a sample. */
class MachineSamplerTest {
    private static final int OLD_GPU_GAPS = NvmlStub.UNSUPPORTED_TEMPERATURE | NvmlStub.UNSUPPORTED_UTILIZATION | NvmlStub.UNSUPPORTED_POWER_LIMIT;
    private final NvmlStub.Control stub = NvmlStub.control();
    @TempDir
    Path dir;
    private FakeMachine machine;
    private final List<String> notes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        stub.nvmlStub_reset();
        stub.nvmlStub_setUnsupported(1, OLD_GPU_GAPS);
        machine = new FakeMachine(dir);
    }

    @AfterEach
    void tearDown() {
        stub.nvmlStub_reset();
    }

    private MonitorSources sources() {
        return new MonitorSources(machine.proc, machine.sys, machine.powercap, () -> Nvml.open(NvmlStub.library()));
    }

    private MachineSample oneSample(MonitorSources sources, int device) {
        try (MachineSampler sampler = MachineSampler.open(sources, device, notes::add)) {
            machine.tick();
            return sampler.sample();
        }
    }

    @Test
    void cpuMemoryProcessesAndPowerFromTheFakeTree() {
        MachineSample s = oneSample(sources(), GpuSet.ALL);
        assertEquals(50, s.cpuPercent(), 1e-9);
        assertEquals(2, s.cores().size());
        assertEquals(30, s.cores().get(0).busyPercent(), 1e-9);
        assertEquals(70, s.cores().get(1).busyPercent(), 1e-9);
        assertEquals(3100, s.cores().get(0).mhz(), 1e-9, "cpufreq's kHz as MHz");
        assertEquals(2800, s.cores().get(1).mhz(), 1e-9);
        assertEquals(1.5, s.load().one());
        assertEquals(8 * FakeMachine.GIB, s.memory().usedBytes(), "used = total - available");
        assertEquals(4242, s.topByCpu().get(0).pid());
        assertEquals("llm server", s.topByCpu().get(0).name());
        assertEquals(80, s.topByCpu().get(0).cpuPercent(), 1e-9, "80 of 100 ticks per core");
        assertEquals(0, s.topByCpu().stream().filter(p -> p.pid() == 7).findFirst().orElseThrow().cpuPercent());
        assertEquals(4 * FakeMachine.GIB, s.topByRss().get(0).rssBytes());
        assertEquals(0, s.topByRss().stream().filter(p -> p.pid() == 2).findFirst().orElseThrow().rssBytes(), "kernel thread");
        assertTrue(s.packageWatts() > 0, "RAPL energy moved by 1 J: " + s.packageWatts());
        assertTrue(notes.stream().noneMatch(n -> n.startsWith("No GPU")), notes.toString());
    }

    @Test
    void everyGpuFieldOfTheStubAndNotSupportedOnesAreUnknownNotZero() {
        MachineSample s = oneSample(sources(), GpuSet.ALL);
        assertEquals(2, s.gpus().size());
        MachineSample.Gpu modern = s.gpus().get(0), old = s.gpus().get(1);
        assertEquals("GPU 0 (Stub GPU Volta+)", modern.name());
        assertEquals(93, modern.reading().gpuUtilPercent());
        assertEquals(300, modern.powerLimitWatts());
        assertTrue(Double.isNaN(old.reading().temperatureCelsius()));
        assertTrue(Double.isNaN(old.reading().gpuUtilPercent()));
        assertTrue(Double.isNaN(old.powerLimitWatts()));
        assertEquals(-1, old.reading().clockEventMask());

        String line = SimpleLine.format(s);
        assertTrue(line.contains("| gpu0 util 93% mem 5.0/16.0 GiB temp 67 C power 250/300 W sm 1410 MHz memclk 1215 MHz events SwPowerCap,SwThermal"), line);
        assertTrue(line.contains("| gpu1 util n/a mem 5.0/16.0 GiB temp n/a power 70/n/a sm 1410 MHz memclk 1215 MHz events n/a"), line);

        Map<String, String> row = CsvLog.row(s);
        assertEquals("93", row.get("gpu0_util_percent"));
        assertEquals("SwPowerCap+SwThermal", row.get("gpu0_clock_events"));
        for (String gap : List.of("gpu1_util_percent", "gpu1_mem_util_percent", "gpu1_temp_c", "gpu1_power_limit_watts", "gpu1_clock_events")) {
            assertEquals("", row.get(gap), gap + " is unknown, not 0");
        }
        assertEquals("70", row.get("gpu1_power_watts"));
    }

    @Test
    void oneChosenDeviceAndADeviceNvmlDoesNotHave() {
        assertEquals(List.of(1), oneSample(sources(), 1).gpus().stream().map(MachineSample.Gpu::index).toList());
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> oneSample(sources(), 5));
        assertEquals("--device 5 is invalid: GPU 5 does not exist; NVML sees 2 device(s), numbered 0 to 1.", e.getMessage());
        assertEquals(0, stub.nvmlStub_initCount(), "NVML shut down again");
    }

    @Test
    void withoutNvmlOrCpufreqOrRaplTheCpuSideRunsAndSaysWhatIsMissing() throws Exception {
        Files.walk(machine.sys).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        MonitorSources noGpu = new MonitorSources(machine.proc, machine.sys, dir.resolve("no-powercap"), () -> {
            throw new TelemetryUnavailableException("libnvidia-ml.so.1 could not be loaded (no driver)");
        });
        MachineSample s = oneSample(noGpu, GpuSet.ALL);
        assertTrue(s.gpus().isEmpty());
        assertEquals(2445, s.cores().get(0).mhz(), 1e-9, "from /proc/cpuinfo");
        assertTrue(Double.isNaN(s.packageWatts()));
        assertEquals("No GPU: libnvidia-ml.so.1 could not be loaded (no driver); showing the CPU side only.", notes.get(0));
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("CPU package power n/a")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("Core frequencies from /proc/cpuinfo")), notes.toString());
        assertTrue(SimpleLine.format(s).contains(" pkg n/a"), SimpleLine.format(s));
    }

    @Test
    void theScreenShowsEverySectionAndNaForWhatAGpuDoesNotSay() {
        MachineSample s = oneSample(sources(), GpuSet.ALL);
        ScreenView view = new ScreenView(new History(60), "1s", true);
        view.remember(s);
        List<String> screen = view.render(s, List.of("a note"), 120, 40);
        assertEquals(40, screen.size());
        assertTrue(screen.stream().allMatch(l -> l.length() <= 120));
        String text = String.join("\n", screen);
        assertTrue(screen.get(0).startsWith("llmbench monitor   "), screen.get(0));
        assertTrue(screen.get(1).matches("CPU 50%  . {19}   load 1.50 0.75 0.25   package power [0-9.]+ W"), screen.get(1));
        assertEquals("Memory 8.0 of 24.0 GiB used, 16.0 GiB available", screen.get(2));
        assertTrue(screen.get(3).matches("  cpu0 +30% \\[####     +\\] 3100 MHz +cpu1 +70% \\[######## +\\] 2800 MHz"), screen.get(3));
        assertTrue(text.contains("\nGPU 0 (Stub GPU Volta+)   util 93%   memory 5.0 of 16.0 GiB (busy 41%)\n"
                + "  temp 67 C   power 250 of 300 W   clocks SM 1410 MHz, memory 1215 MHz\n"
                + "  throttle reasons (clock events): SwPowerCap, SwThermal\n  util "), text);
        assertTrue(text.contains("\nGPU 1 (Stub GPU Old)   util n/a   memory 5.0 of 16.0 GiB (busy n/a)\n"
                + "  temp n/a   power 70 of n/a   clocks SM 1410 MHz, memory 1215 MHz\n"
                + "  throttle reasons (clock events): n/a\n"), text);
        assertTrue(text.matches("(?s).*\n +4242 +80% +4096M +llm server +4242 +4096M +80% +llm server\n.*"), text);
        assertEquals("note: a note", screen.get(39));

        List<String> small = view.render(s, List.of("a note that is longer than the sixty columns of this small screen, so it wraps"), 60, 12);
        assertEquals(12, small.size());
        assertTrue(small.stream().allMatch(l -> l.length() <= 60));
        assertEquals(List.of("note: a note that is longer than the sixty columns of this", "      small screen, so it wraps"), small.subList(10, 12),
                "notes stay visible on a small screen, wrapped");
    }
}
