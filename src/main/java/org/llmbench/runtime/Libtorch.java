package org.llmbench.runtime;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.util.Utils;
import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * PyTorch through DJL, as the torch engine and the torch GEMM backend share it: loaded offline (the
 * CPU natives come from the pytorch-native-cpu jar, never from the network), into the folder DJL
 * unpacks them to, which a user moves with DJL_CACHE_DIR or ENGINE_CACHE_DIR (environment variable
 * or -D system property, DJL reads both).
 */
public final class Libtorch {
    /** Roughly what the CPU natives of PyTorch 2.5.1 take once unpacked. */
    private static final String UNPACKED_SIZE = "about 425 MB";
    private static volatile boolean announced;

    private Libtorch() {
    }

    /** The PyTorch engine, loaded offline; an LlmbenchException with one line when it cannot load. */
    public static Engine engine() {
        System.setProperty("ai.djl.offline", "true"); // before DJL initializes: never download natives
        announceFirstUnpack();
        try {
            Engine e = Engine.getEngine("PyTorch");
            if (e == null) throw new LlmbenchException("torch: DJL's PyTorch engine is not on the class path.");
            return e;
        } catch (LlmbenchException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new LlmbenchException("torch: PyTorch engine failed to load (" + oneLine(e) + ")."); // one line, no cause
        }
    }

    /** Where DJL unpacks libtorch: $ENGINE_CACHE_DIR/pytorch, else $DJL_CACHE_DIR/pytorch, else ~/.djl.ai/pytorch. */
    public static Path cacheFolder() {
        return Utils.getEngineCacheDir("pytorch");
    }

    /** True when the loaded libtorch was built with CUDA and the driver reports at least one GPU. */
    public static boolean cudaAvailable(Engine e) {
        return e.hasCapability(StandardCapabilities.CUDA) && e.getGpuCount() > 0;
    }

    /** A user's home folder grows by hundreds of megabytes on the first run: say so, and where, once. */
    private static void announceFirstUnpack() {
        if (announced) return;
        announced = true;
        Path folder = cacheFolder();
        boolean unpacked;
        try (Stream<Path> children = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
            unpacked = children.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            unpacked = false;
        }
        if (!unpacked) {
            System.err.println("torch: unpacking libtorch (" + UNPACKED_SIZE + ") into " + folder
                    + " on first use; set DJL_CACHE_DIR or ENGINE_CACHE_DIR to choose another folder.");
        }
    }

    /** The first line of a throwable's message (native errors carry C++ backtraces). */
    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
