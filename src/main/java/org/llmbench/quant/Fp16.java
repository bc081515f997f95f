package org.llmbench.quant;

/**
 * IEEE 754 binary16 (half precision) to and from fp32. JDK 17 has no Float.float16ToFloat, so
 * decoding uses a 64K-entry table and encoding rounds to nearest, ties to even, like F16C's
 * vcvtps2ph and numpy: overflow gives infinity, NaN stays NaN, tiny values become subnormals or zero.
 */
public final class Fp16 {
    private static final float[] TO_FLOAT = new float[1 << 16];

    static {
        for (int h = 0; h < TO_FLOAT.length; h++) TO_FLOAT[h] = decode(h);
    }

    private Fp16() {
    }

    /** The fp32 value of the half-precision bits h. */
    public static float toFloat(short h) {
        return TO_FLOAT[h & 0xFFFF];
    }

    /** The half-precision bits nearest to f (round to nearest even). */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFF_FFFF;
        if (abs >= 0x7F80_0000) { // infinity or NaN (keep a quiet NaN)
            return (short) (sign | 0x7C00 | (abs > 0x7F80_0000 ? 0x0200 | ((abs >>> 13) & 0x3FF) : 0));
        }
        if (abs >= 0x477F_F000) { // rounds to 65520 or above: overflow to infinity
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x3880_0000) { // below the smallest normal half 2^-14: subnormal or zero
            // value / 2^-24 rounded to even is the subnormal mantissa; |f| < 2^-14 keeps this exact in float.
            float scaled = Float.intBitsToFloat(abs) * 0x1p24f;
            int m = (int) Math.rint(scaled);
            return (short) (sign | m); // m may reach 0x400, which is exactly the smallest normal
        }
        int exp = (abs >>> 23) - 127 + 15;
        int mant = abs & 0x7F_FFFF;
        int half = (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) half++; // carry may bump the exponent: still correct
        return (short) (sign | half);
    }

    private static float decode(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F80_0000 | (mant << 13));
        if (exp == 0) {
            float v = mant * 0x1p-24f; // exact: a subnormal half is mant * 2^-24
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
