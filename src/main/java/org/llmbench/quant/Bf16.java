package org.llmbench.quant;

/** bfloat16 (the upper 16 bits of an fp32) to and from fp32, rounding to nearest even. */
public final class Bf16 {
    private Bf16() {
    }

    public static float toFloat(short b) {
        return Float.intBitsToFloat((b & 0xFFFF) << 16);
    }

    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) return (short) ((bits >>> 16) | 0x0040); // NaN stays a quiet NaN
        int round = 0x7FFF + ((bits >>> 16) & 1); // ties to even; overflow rounds to infinity as it should
        return (short) ((bits + round) >>> 16);
    }
}
