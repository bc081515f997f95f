package org.llmbench.telemetry;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds src/test/c/nvml_stub.c into target/nvml-stub/libnvidia-ml.so with gcc (once per JVM) and loads it. */
public final class NvmlStub {
    public static final int UNSUPPORTED_POWER = 1, UNSUPPORTED_POWER_LIMIT = 2, UNSUPPORTED_TEMPERATURE = 4,
            UNSUPPORTED_UTILIZATION = 8, UNSUPPORTED_CLOCKS = 16;
    public static final Path SOURCE = Path.of("src/test/c/nvml_stub.c");
    public static final Path DIR = Path.of("target/nvml-stub").toAbsolutePath();
    public static final Path LIBRARY = DIR.resolve("libnvidia-ml.so");
    private static boolean built;

    private NvmlStub() {
    }

    /** The test-only controls the stub exports besides NVML's functions. */
    public interface Control extends Library {
        void nvmlStub_setPowerMilliwatts(int device, int milliwatts);

        void nvmlStub_setManualClockMs(long ms);

        void nvmlStub_failInit(int code);

        /** Makes these calls of one device answer NOT_SUPPORTED: bits of the UNSUPPORTED_* constants. */
        void nvmlStub_setUnsupported(int device, int bits);

        int nvmlStub_initCount();

        void nvmlStub_reset();
    }

    public static synchronized Path build() {
        if (built) return DIR;
        try {
            Files.createDirectories(DIR);
            Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-Wall", "-o", LIBRARY.toString(), SOURCE.toString())
                    .redirectErrorStream(true).start();
            String out = new String(gcc.getInputStream().readAllBytes());
            if (gcc.waitFor() != 0) throw new IllegalStateException("gcc could not build the NVML stub:\n" + out);
        } catch (IOException e) {
            throw new IllegalStateException("gcc is needed to build the NVML stub for these tests: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        built = true;
        return DIR;
    }

    public static NvmlLibrary library() {
        build();
        return Native.load(LIBRARY.toString(), NvmlLibrary.class);
    }

    public static Control control() {
        build();
        return Native.load(LIBRARY.toString(), Control.class);
    }
}
