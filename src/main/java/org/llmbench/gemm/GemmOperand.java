package org.llmbench.gemm;

import org.llmbench.quant.Bf16;
import org.llmbench.quant.Fp16;

import java.util.SplittableRandom;

/**
 * One row-major GEMM input in its storage type: float[] (fp32), short[] bits (fp16, bf16) or
 * byte[] (int8). Backends read the converted fp32 values through {@link #copyRow}; the
 * reference reads the very same values through {@link #value}.
 */
public final class GemmOperand {
    private final int rows, cols;
    private final GemmDtype dtype;
    private final float[] f32;
    private final short[] half;
    private final byte[] i8;

    private GemmOperand(int rows, int cols, GemmDtype dtype, float[] f32, short[] half, byte[] i8) {
        this.rows = rows;
        this.cols = cols;
        this.dtype = dtype;
        this.f32 = f32;
        this.half = half;
        this.i8 = i8;
    }

    /**
     * Random values of magnitude below 1 (floats) or the whole int8 range, drawn directly in
     * the storage type so no rounding happens between what a backend sees and the reference.
     */
    public static GemmOperand random(int rows, int cols, GemmDtype dtype, long seed) {
        int size = Math.multiplyExact(rows, cols);
        SplittableRandom rnd = new SplittableRandom(seed);
        switch (dtype) {
            case FP32 -> {
                float[] v = new float[size];
                for (int i = 0; i < size; i++) v[i] = (float) (rnd.nextDouble() * 2 - 1);
                return new GemmOperand(rows, cols, dtype, v, null, null);
            }
            case FP16, BF16 -> {
                // sign | exponent for [2^-8, 1) | random mantissa
                boolean fp16 = dtype == GemmDtype.FP16;
                int mantBits = fp16 ? 10 : 7;
                int bias = fp16 ? 15 : 127;
                short[] v = new short[size];
                for (int i = 0; i < size; i++) {
                    int sign = rnd.nextInt(2) << 15;
                    int exp = bias - 8 + rnd.nextInt(8);
                    int mant = rnd.nextInt(1 << mantBits);
                    v[i] = (short) (sign | exp << mantBits | mant);
                }
                return new GemmOperand(rows, cols, dtype, null, v, null);
            }
            case INT8 -> {
                byte[] v = new byte[size];
                rnd.nextBytes(v);
                return new GemmOperand(rows, cols, dtype, null, null, v);
            }
        }
        throw new AssertionError(dtype);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public GemmDtype dtype() {
        return dtype;
    }

    /** The fp32 values, when the dtype is fp32 (null otherwise). */
    public float[] floats() {
        return f32;
    }

    /** The fp16/bf16 bit patterns (null for other dtypes). */
    public short[] halfBits() {
        return half;
    }

    /** The int8 values (null for other dtypes). */
    public byte[] bytes() {
        return i8;
    }

    /** Element (r, c) converted to fp32 (exact for every dtype). */
    public float value(int r, int c) {
        int i = r * cols + c;
        return switch (dtype) {
            case FP32 -> f32[i];
            case FP16 -> Fp16.toFloat(half[i]);
            case BF16 -> Bf16.toFloat(half[i]);
            case INT8 -> i8[i];
        };
    }

    /** The whole matrix converted to fp32, row-major (for backends that upload fp32 and cast on the device). */
    public float[] toFloats() {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) copyRow(r, 0, cols, out, r * cols, 1);
        return out;
    }

    /** Writes elements (r, c0 .. c0+len-1), converted to fp32, to dst[off], dst[off+stride], ... */
    public void copyRow(int r, int c0, int len, float[] dst, int off, int stride) {
        int src = r * cols + c0;
        switch (dtype) {
            case FP32 -> {
                if (stride == 1) {
                    System.arraycopy(f32, src, dst, off, len);
                } else {
                    for (int i = 0; i < len; i++) dst[off + i * stride] = f32[src + i];
                }
            }
            case FP16 -> {
                for (int i = 0; i < len; i++) dst[off + i * stride] = Fp16.toFloat(half[src + i]);
            }
            case BF16 -> {
                for (int i = 0; i < len; i++) dst[off + i * stride] = Bf16.toFloat(half[src + i]);
            }
            case INT8 -> {
                for (int i = 0; i < len; i++) dst[off + i * stride] = i8[src + i];
            }
        }
    }
}
