package org.llmbench.telemetry;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

import java.nio.charset.StandardCharsets;

/**
 * An initialised NVML: loads libnvidia-ml through JNA, calls nvmlInit_v2, hands out devices, and
 * calls nvmlShutdown on close. Every failure to get there is a {@link TelemetryUnavailableException}
 * with one sentence saying why, because a machine without an NVIDIA driver is normal, not an error.
 */
public final class Nvml implements AutoCloseable {
    private final NvmlLibrary lib;
    private boolean closed;

    private Nvml(NvmlLibrary lib) {
        this.lib = lib;
    }

    /** Loads the system's libnvidia-ml (or one on jna.library.path) and initialises it. */
    public static Nvml open() {
        return open(load());
    }

    /** Initialises an already loaded library (tests load a stub by path). */
    public static Nvml open(NvmlLibrary lib) {
        int rc;
        try {
            rc = lib.nvmlInit_v2();
        } catch (LinkageError e) {
            throw new TelemetryUnavailableException("libnvidia-ml has no nvmlInit_v2 (" + e.getMessage() + ")");
        }
        if (rc != NvmlStatus.SUCCESS) {
            throw new TelemetryUnavailableException("nvmlInit_v2 failed: " + NvmlStatus.name(rc) + " " + errorString(lib, rc));
        }
        return new Nvml(lib);
    }

    static NvmlLibrary load() {
        LinkageError first;
        try {
            return Native.load("nvidia-ml", NvmlLibrary.class);
        } catch (LinkageError e) {
            first = e;
        }
        try { // without the -dev symlink only the versioned name exists; dlopen finds it through the loader cache
            return Native.load("libnvidia-ml.so.1", NvmlLibrary.class);
        } catch (LinkageError e) {
            throw new TelemetryUnavailableException("libnvidia-ml.so.1 could not be loaded (" + dlopenReason(e, first) + ")");
        }
    }

    /** JNA's message lists every place it looked; the dlopen line ("cannot open shared object file ...") says why. */
    private static String dlopenReason(LinkageError e, LinkageError first) {
        for (LinkageError err : new LinkageError[]{e, first}) {
            String m = err.getMessage() == null ? "" : err.getMessage();
            for (String line : m.split("\n")) {
                if (line.contains(": ") && !line.startsWith("Unable to load") && !line.startsWith("Native library")) return line.trim();
            }
        }
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("unknown reason");
    }

    public int deviceCount() {
        IntByReference n = new IntByReference();
        check("nvmlDeviceGetCount_v2", lib.nvmlDeviceGetCount_v2(n));
        return n.getValue();
    }

    public NvmlDevice device(int index) {
        PointerByReference handle = new PointerByReference();
        check("nvmlDeviceGetHandleByIndex_v2(" + index + ")", lib.nvmlDeviceGetHandleByIndex_v2(index, handle));
        return new NvmlDevice(this, index, handle.getValue());
    }

    public String driverVersion() {
        byte[] buf = new byte[NvmlLibrary.DRIVER_VERSION_BUFFER];
        check("nvmlSystemGetDriverVersion", lib.nvmlSystemGetDriverVersion(buf, buf.length));
        return cString(buf);
    }

    NvmlLibrary library() {
        return lib;
    }

    void check(String call, int rc) {
        if (rc != NvmlStatus.SUCCESS) throw new NvmlException(call, rc, errorString(lib, rc));
    }

    private static String errorString(NvmlLibrary lib, int rc) {
        try {
            String s = lib.nvmlErrorString(rc);
            return s == null ? "" : s;
        } catch (LinkageError e) {
            return "";
        }
    }

    static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            lib.nvmlShutdown();
        } catch (LinkageError ignored) {
            // nothing to release if the symbol is missing
        }
    }
}
