package org.llmbench.gemm;

import org.llmbench.LlmbenchException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The element type of the two GEMM inputs. Every backend accumulates in fp32, except int8,
 * which cuBLAS and torch accumulate in int32 (the JVM kernel widens int8 to fp32).
 */
public enum GemmDtype {
    FP32("fp32", 4, 1e-4),
    FP16("fp16", 2, 1e-2),
    BF16("bf16", 2, 2e-2),
    INT8("int8", 1, 1e-4);

    private final String id;
    private final int bytes;
    private final double tolerance;

    GemmDtype(String id, int bytes, double tolerance) {
        this.id = id;
        this.bytes = bytes;
        this.tolerance = tolerance;
    }

    public String id() {
        return id;
    }

    /** Bytes per input element. */
    public int bytes() {
        return bytes;
    }

    /**
     * Largest accepted |product - reference| relative to sum_p |a_ip * b_pj| (the natural scale
     * of rounding error). Loose enough for fp32 accumulation and a half-precision output (torch
     * returns fp16 for fp16 inputs), tight enough that a wrong index or a lost k-block fails.
     */
    public double tolerance() {
        return tolerance;
    }

    public static GemmDtype parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (GemmDtype d : values()) {
            if (d.id.equals(n)) return d;
        }
        throw new LlmbenchException("Unknown dtype '" + name + "'; valid dtypes are " + validNames() + ".");
    }

    public static String validNames() {
        return Arrays.stream(values()).map(GemmDtype::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
