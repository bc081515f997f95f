package org.llmbench.runtime;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The vector shape every kernel uses, taken from the hardware: the JVM's preferred shape (the
 * widest vectors its JIT compiles on this CPU, capped by -XX:MaxVectorSize), never less than 128
 * bits. All species here are static finals, so C2 treats them as constants and intrinsifies the
 * kernels at this width. Layouts that depend on the width (fp32 panels, int4 groups, the GEMM's
 * micro-tile) are derived from it when weights are loaded.
 * <p>
 * The system property {@value #PROPERTY} (128, 256 or 512) overrides the width, for tests: a width
 * above the hardware's runs correctly but without intrinsics (the Vector API's Java fallback, many
 * times slower), which is how the 512-bit layouts are tested on an AVX2 machine.
 */
public final class VectorWidth {
    public static final String PROPERTY = "llmbench.vector.bits";

    /** Vector size in bits: 128, 256 or 512 on x86. */
    public static final int BITS = chooseBits();
    private static final VectorShape SHAPE = VectorShape.forBitSize(BITS);

    /** Floats (and ints) per vector: 4, 8 or 16. */
    public static final int LANES = BITS / 32;
    public static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, SHAPE);
    public static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SHAPE);
    /** 2 * LANES shorts: 16-bit products. */
    public static final VectorSpecies<Short> SHORTS = VectorSpecies.of(short.class, SHAPE);
    /** LANES shorts in half a vector: fp16/bf16 bits widened to LANES ints. */
    public static final VectorSpecies<Short> HALF_SHORTS = VectorSpecies.of(short.class, VectorShape.forBitSize(BITS / 2));
    /** 2 * LANES bytes in half a vector: int8 widened to SHORTS. */
    public static final VectorSpecies<Byte> HALF_BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(BITS / 2));
    /**
     * Bytes widened to LANES ints or floats: a quarter vector, but at least 64 bits (the smallest
     * shape), so at 128 bits a load reads 8 bytes and uses the first 4: byte arrays read this way
     * carry {@link #BYTE_PAD} bytes past their end.
     */
    public static final VectorSpecies<Byte> QUARTER_BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, BITS / 4)));
    /** Spare bytes at the end of an array read through {@link #QUARTER_BYTES}. */
    public static final int BYTE_PAD = QUARTER_BYTES.length() - LANES;

    private VectorWidth() {
    }

    private static int chooseBits() {
        String forced = System.getProperty(PROPERTY);
        if (forced != null) {
            try {
                int bits = Integer.parseInt(forced.trim());
                if (bits == 128 || bits == 256 || bits == 512) return bits;
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + forced + " is invalid; use 128, 256 or 512.");
        }
        return Math.max(128, preferredBits());
    }

    /** The JVM's preferred vector size in bits (its widest intrinsified vectors on this CPU). */
    public static int preferredBits() {
        return VectorShape.preferredShape().vectorBitSize();
    }

    /** One line: the width the kernels use and why (preferred species, -XX:MaxVectorSize, the CPU's vector flags). */
    public static String describe() {
        String why = System.getProperty(PROPERTY) != null ? "forced by -D" + PROPERTY
                : preferredBits() < 128 ? "raised from the preferred " + preferredBits() + "-bit species (below 128 bits the kernels are not intrinsified)"
                : "the JVM's preferred species";
        return String.format(Locale.ROOT, "%d-bit (%d floats per vector): %s; preferred %d-bit, -XX:MaxVectorSize=%s; CPU vector flags: %s",
                BITS, LANES, why, preferredBits(), maxVectorSize(), String.join(" ", cpuVectorFlags()));
    }

    private static String maxVectorSize() {
        try {
            return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("MaxVectorSize").getValue();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    /** The SIMD flags of /proc/cpuinfo that matter to the kernels (empty where there is no such file). */
    static List<String> cpuVectorFlags() {
        List<String> out = new ArrayList<>();
        try {
            String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
            for (String f : flags.substring(flags.indexOf(':') + 1).trim().split("\\s+")) {
                if (f.equals("sse4_2") || f.equals("avx") || f.equals("avx2") || f.equals("fma") || f.equals("f16c")
                        || f.startsWith("avx512") || f.startsWith("amx") || f.equals("avx_vnni")) out.add(f);
            }
        } catch (IOException | RuntimeException e) {
            out.add("(not readable)");
        }
        if (out.isEmpty()) out.add("(none listed)");
        return out;
    }
}
