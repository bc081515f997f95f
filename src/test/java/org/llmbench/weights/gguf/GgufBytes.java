package org.llmbench.weights.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds GGUF bytes field by field in tests, independently of {@link GgufWriter}. */
final class GgufBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    GgufBytes u32(long v) {
        return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    }

    GgufBytes u64(long v) {
        return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    GgufBytes f32(float v) {
        return u32(Float.floatToRawIntBits(v));
    }

    GgufBytes u16(int v) {
        return raw(new byte[]{(byte) v, (byte) (v >> 8)});
    }

    GgufBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u64(b.length);
        return raw(b);
    }

    GgufBytes raw(byte... b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** A key with a UINT32 value. */
    GgufBytes kvU32(String key, long v) {
        return str(key).u32(4).u32(v);
    }

    GgufBytes kvF32(String key, float v) {
        return str(key).u32(6).f32(v);
    }

    GgufBytes kvStr(String key, String v) {
        return str(key).u32(8).str(v);
    }

    GgufBytes tensor(String name, long typeId, long offset, long... ne) {
        str(name).u32(ne.length);
        for (long d : ne) u64(d);
        return u32(typeId).u64(offset);
    }

    GgufBytes padTo(int alignment) {
        while (out.size() % alignment != 0) out.write(0);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
