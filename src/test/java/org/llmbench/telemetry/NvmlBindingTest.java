package org.llmbench.telemetry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The JNA binding against a C stub of libnvidia-ml with known values and error codes. */
class NvmlBindingTest {
    private static final long GIB = 1L << 30;
    private final NvmlStub.Control stub = NvmlStub.control();
    private final NvmlLibrary lib = NvmlStub.library();

    @BeforeEach
    void reset() {
        stub.nvmlStub_reset();
    }

    @Test
    void structLayoutsMatchNvmlH() {
        assertEquals(40, new NvmlLibrary.MemoryV2().size(), "nvmlMemory_v2_t is 40 bytes");
        assertEquals(24, new NvmlLibrary.Memory().size(), "nvmlMemory_t is three unsigned long long");
        assertEquals(8, new NvmlLibrary.Utilization().size());
        assertEquals(0x02000028, new NvmlLibrary.MemoryV2().version);
    }

    @Test
    void readsEveryValueOfAModernDevice() {
        try (Nvml nvml = Nvml.open(lib)) {
            assertEquals(1, stub.nvmlStub_initCount());
            assertEquals("555.42.06", nvml.driverVersion());
            assertEquals(2, nvml.deviceCount());
            NvmlDevice d = nvml.device(0);
            assertEquals("Stub GPU Volta+", d.name());
            assertEquals(250.0, d.powerWatts());
            assertEquals(300.0, d.powerLimitWatts());
            assertEquals(67, d.temperatureCelsius());
            assertArrayEquals(new int[]{93, 41}, d.utilizationPercent());
            assertEquals(1410, d.clockMhz(NvmlLibrary.NVML_CLOCK_SM));
            assertEquals(1215, d.clockMhz(NvmlLibrary.NVML_CLOCK_MEM));
            assertEquals(1980, d.maxClockMhz(NvmlLibrary.NVML_CLOCK_SM));
            assertEquals(1593, d.maxClockMhz(NvmlLibrary.NVML_CLOCK_MEM));
            assertEquals(List.of("SwPowerCap", "SwThermal"), ClockEventReasons.names(d.clockEventReasons()));
            NvmlDevice.DeviceMemory m = d.memory();
            assertEquals(16 * GIB, m.total());
            assertEquals(512L << 20, m.reserved(), "v2 call used, version field set");
            assertEquals(5 * GIB, m.used());
            assertEquals(16 * GIB - (512L << 20) - 5 * GIB, m.free());
        }
        assertEquals(0, stub.nvmlStub_initCount(), "close calls nvmlShutdown");
    }

    @Test
    void energyCounterAdvancesAtThePowerDrawn() {
        stub.nvmlStub_setManualClockMs(10_000);
        try (Nvml nvml = Nvml.open(lib)) {
            NvmlDevice d = nvml.device(0);
            long before = d.totalEnergyMillijoules();
            stub.nvmlStub_setManualClockMs(12_000); // 2 s at 250 W
            assertEquals(500_000, d.totalEnergyMillijoules() - before);
        }
    }

    @Test
    void anOldDeviceSaysNotSupportedAndMemoryFallsBackToV1() {
        try (Nvml nvml = Nvml.open(lib)) {
            NvmlDevice old = nvml.device(1);
            NvmlException e = assertThrows(NvmlException.class, old::totalEnergyMillijoules);
            assertEquals(NvmlStatus.NOT_SUPPORTED, e.code());
            assertTrue(e.getMessage().contains("nvmlDeviceGetTotalEnergyConsumption failed: NOT_SUPPORTED (3) Not Supported"), e.getMessage());
            NvmlDevice.DeviceMemory m = old.memory();
            assertEquals(-1, m.reserved(), "v1 has no reserved field");
            assertEquals(5 * GIB, m.used());
            assertEquals(11 * GIB, m.free(), "v1 order is total, free, used");
            assertEquals(NvmlStatus.NOT_SUPPORTED, assertThrows(NvmlException.class, old::clockEventReasons).code());
        }
    }

    @Test
    void badIndexAndFailedInitAreReportedWithTheirCodes() {
        try (Nvml nvml = Nvml.open(lib)) {
            assertEquals(NvmlStatus.INVALID_ARGUMENT, assertThrows(NvmlException.class, () -> nvml.device(5)).code());
        }
        stub.nvmlStub_failInit(NvmlStatus.DRIVER_NOT_LOADED);
        TelemetryUnavailableException e = assertThrows(TelemetryUnavailableException.class, () -> Nvml.open(lib));
        assertTrue(e.getMessage().contains("DRIVER_NOT_LOADED (9)"), e.getMessage());
    }

    @Test
    void gpuReaderSkipsWhatTheDeviceCannotDoAndSaysSoOnce() {
        try (Nvml nvml = Nvml.open(lib)) {
            StringBuilder log = new StringBuilder();
            GpuReader reader = new GpuReader(nvml.device(1), m -> log.append(m).append('\n'));
            assertFalse(reader.hasEnergyCounter());
            assertEquals(-1, reader.energyMillijoules());
            GpuSample s = reader.read();
            reader.read();
            assertEquals(70.0, s.powerWatts());
            assertEquals(45.0, s.temperatureCelsius());
            assertEquals(-1, s.clockEventMask());
            assertEquals(-1, s.memReservedBytes());
            String text = log.toString();
            assertTrue(text.contains("energy is integrated from power samples instead"), text);
            assertEquals(2, text.lines().count(), "energy and clock events, each said once: " + text);
        }
    }

    @Test
    void telemetryWithoutNvmlSaysSoOnceAndKeepsTheCpuSide() {
        StringBuilder log = new StringBuilder();
        Telemetry t = Telemetry.open(0, () -> {
            throw new UnsatisfiedLinkError("Unable to load library 'nvidia-ml'");
        }, Path.of("/nonexistent-powercap"), m -> log.append(m).append('\n'));
        assertNull(t.gpu());
        assertNotNull(t.process());
        assertTrue(log.toString().startsWith(Telemetry.NO_NVML), log.toString());

        StringBuilder log2 = new StringBuilder();
        stub.nvmlStub_failInit(NvmlStatus.DRIVER_NOT_LOADED);
        Telemetry t2 = Telemetry.open(0, () -> Nvml.open(lib), Path.of("/nonexistent-powercap"), m -> log2.append(m).append('\n'));
        assertNull(t2.gpu());
        assertTrue(log2.toString().contains(Telemetry.NO_NVML + " (nvmlInit_v2 failed: DRIVER_NOT_LOADED (9)"), log2.toString());
        assertTrue(log2.toString().contains("RAPL not readable"), log2.toString());
    }

    @Test
    void missingDeviceIndexIsSkippedNotFatal() {
        StringBuilder log = new StringBuilder();
        try (Telemetry t = Telemetry.open(7, () -> Nvml.open(lib), Path.of("/nonexistent"), m -> log.append(m))) {
            assertNull(t.gpu());
        }
        assertTrue(log.toString().contains("device 7 requested, NVML sees 2 device(s)"), log.toString());
        assertEquals(0, stub.nvmlStub_initCount(), "NVML shut down again when the device is missing");
    }

    @Test
    void samplerUsesTheCounterOrIntegratesPower() throws InterruptedException {
        for (int device : new int[]{0, 1}) {
            stub.nvmlStub_reset();
            try (Telemetry t = Telemetry.open(device, () -> Nvml.open(lib), Path.of("/nonexistent"), m -> { })) {
                TelemetrySampler sampler = new TelemetrySampler(t, 5_000_000);
                sampler.start();
                Thread.sleep(300);
                WindowStats w = sampler.stop();
                double watts = device == 0 ? 250 : 70;
                assertTrue(w.gpuPower.count() >= 3, "samples: " + w.gpuPower.count());
                assertEquals(watts, w.gpuPower.mean(), 1e-9);
                assertEquals(device == 0, w.gpuEnergyFromCounter());
                // counter: ms resolution in the stub; integral: the sampled span, a little shorter than the window
                assertEquals(watts * w.seconds(), w.gpuJoules(), watts * 0.03, "device " + device);
                if (device == 0) {
                    assertEquals(100.0, w.clockEventPercent(2), 1e-9, "SwPowerCap in every sample");
                    assertEquals(0.0, w.clockEventPercent(0), 1e-9, "never GpuIdle");
                } else {
                    assertFalse(w.hasClockEvents());
                }
            }
        }
    }

    @Test
    void sysinfoLinesNameTheGpu() {
        try (Nvml nvml = Nvml.open(lib)) {
            List<String> lines = TelemetryInfo.gpuLines(nvml);
            assertEquals("NVML:     driver 555.42.06, 2 device(s)", lines.get(0));
            assertTrue(lines.get(1).contains("Stub GPU Volta+, memory 5.0 GiB used of 16.0 GiB, 0.5 GiB reserved, power limit 300 W, clocks SM 1410/1980 MHz"), lines.get(1));
            assertTrue(lines.get(2).contains("Stub GPU Old") && !lines.get(2).contains("reserved"), lines.get(2));
        }
    }
}
