package org.llmbench.quant;

/** Little-endian fields in byte arrays, as GGUF stores them. */
public final class LittleEndian {
    private LittleEndian() {
    }

    public static short getShort(byte[] b, int o) {
        return (short) ((b[o] & 0xFF) | (b[o + 1] << 8));
    }

    public static void putShort(byte[] b, int o, short v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    public static float getFloat(byte[] b, int o) {
        return Float.intBitsToFloat((b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | b[o + 3] << 24);
    }

    public static void putFloat(byte[] b, int o, float f) {
        int v = Float.floatToRawIntBits(f);
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
        b[o + 2] = (byte) (v >>> 16);
        b[o + 3] = (byte) (v >>> 24);
    }
}
