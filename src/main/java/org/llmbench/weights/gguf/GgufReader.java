package org.llmbench.weights.gguf;

import org.llmbench.LlmbenchException;
import org.llmbench.weights.TensorType;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a GGUF header (versions 2 and 3, little-endian) from a memory map of the file. Every
 * count and length is checked against the bytes that remain before anything is allocated, so a
 * damaged or hostile header fails with one sentence instead of a huge allocation or a hang.
 */
public final class GgufReader {
    static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    static final int DEFAULT_ALIGNMENT = 32;
    static final int MAX_DIMS = 4; // GGML_MAX_DIMS
    static final int MAX_ARRAY_DEPTH = 2;
    // GGUF value types
    static final int UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5, FLOAT32 = 6, BOOL = 7,
            STRING = 8, ARRAY = 9, UINT64 = 10, INT64 = 11, FLOAT64 = 12;

    private final Path path;
    private final ByteBuffer buf;
    private final long size;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private GgufReader(Path path, ByteBuffer buf, long size) {
        this.path = path;
        this.buf = buf;
        this.size = size;
    }

    /** Reads and checks the header of a GGUF file; tensor data is not touched. */
    public static GgufFile read(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            // the header lies at the start; one map of up to 2 GiB covers any real header
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE));
            map.order(ByteOrder.LITTLE_ENDIAN);
            return new GgufReader(path, map, size).parse();
        } catch (NoSuchFileException e) {
            throw new LlmbenchException("GGUF file " + path + " does not exist.");
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read GGUF file " + path + ": " + e.getMessage() + ".");
        } catch (BufferUnderflowException e) {
            throw bad(path, "it is truncated inside its header");
        }
    }

    private GgufFile parse() {
        if (size < 24) throw bad(path, "it is " + size + " bytes, shorter than a GGUF header");
        int magic = buf.getInt();
        if (magic != MAGIC) {
            if (Integer.reverseBytes(magic) == MAGIC) throw bad(path, "it is big-endian, which llmbench does not read");
            throw bad(path, "it does not start with the GGUF magic (found 0x" + Integer.toHexString(Integer.reverseBytes(magic)) + ")");
        }
        int version = buf.getInt();
        if (version != 2 && version != 3) {
            if (Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3) {
                throw bad(path, "it is a big-endian GGUF file, which llmbench does not read");
            }
            throw bad(path, "GGUF version " + Integer.toUnsignedString(version) + " is not supported (llmbench reads versions 2 and 3)");
        }
        long tensorCount = buf.getLong();
        long kvCount = buf.getLong();
        // smallest entries: a key/value is 8 (key length) + 4 (type) + 1 byte; a tensor entry 8 + 4 + 8 + 4 + 8
        requireCount("metadata count", kvCount, 13);
        Map<String, Object> meta = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = string("metadata key");
            int type = buf.getInt();
            meta.put(key, value(type, key, 0));
        }
        requireCount("tensor count", tensorCount, 32);
        Object alignValue = meta.getOrDefault("general.alignment", (long) DEFAULT_ALIGNMENT);
        long alignment = alignValue instanceof Long a ? a : -1;
        if (alignment < 1 || alignment > 1 << 20 || Long.bitCount(alignment) != 1) {
            throw bad(path, "general.alignment " + alignValue + " is not a power of two up to 1 MiB");
        }
        List<RawTensor> raw = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            String name = string("tensor name");
            int dims = buf.getInt();
            if (dims < 1 || dims > MAX_DIMS) throw bad(path, "tensor " + name + " has " + Integer.toUnsignedString(dims) + " dimensions (1 to " + MAX_DIMS + " are valid)");
            long[] ne = new long[dims];
            long elements = 1;
            for (int d = 0; d < dims; d++) {
                ne[d] = buf.getLong();
                if (ne[d] < 1 || ne[d] > size * 8) throw bad(path, "tensor " + name + " has dimension " + Long.toUnsignedString(ne[d]));
                elements = Math.multiplyHigh(elements, ne[d]) != 0 || elements * ne[d] > size * 8 ? -1 : elements * ne[d];
                if (elements < 0) throw bad(path, "tensor " + name + " has more elements than the file could hold");
            }
            long typeId = Integer.toUnsignedLong(buf.getInt());
            long offset = buf.getLong();
            raw.add(new RawTensor(name, ne, typeId, offset));
        }
        long dataOffset = align(buf.position(), alignment);
        Map<String, GgufTensorInfo> tensors = new LinkedHashMap<>();
        for (RawTensor r : raw) {
            String name = r.name();
            long[] ne = r.ne();
            long typeId = r.typeId();
            long offset = r.offset();
            TensorType type = TensorType.ofGgmlId(typeId);
            long bytes = -1;
            if (offset < 0 || offset % alignment != 0) throw bad(path, "tensor " + name + " has offset " + Long.toUnsignedString(offset) + ", not a multiple of the alignment " + alignment);
            if (type != null) {
                if (ne[0] % type.blockSize() != 0) throw bad(path, "tensor " + name + " of type " + type + " has rows of " + ne[0] + " values, not a multiple of its block size " + type.blockSize());
                long rows = 1;
                for (int d = 1; d < ne.length; d++) rows *= ne[d];
                bytes = type.rowBytes(ne[0]) * rows;
                if (dataOffset + offset > size || bytes > size - dataOffset - offset) {
                    throw bad(path, "tensor " + name + " (" + bytes + " bytes at offset " + offset + ") extends past the end of the file (truncated?)");
                }
            }
            if (tensors.put(name, new GgufTensorInfo(name, ne, typeId, type, dataOffset + offset, bytes)) != null) {
                throw bad(path, "tensor " + name + " is listed twice");
            }
        }
        return new GgufFile(path, size, version, meta, tensors, dataOffset, (int) alignment);
    }

    /** A tensor entry as read, before its offset is made absolute. */
    private record RawTensor(String name, long[] ne, long typeId, long offset) {
    }

    private Object value(int type, String key, int depth) {
        switch (type) {
            case UINT8: return (long) Byte.toUnsignedInt(buf.get());
            case INT8: return (long) buf.get();
            case UINT16: return (long) Short.toUnsignedInt(buf.getShort());
            case INT16: return (long) buf.getShort();
            case UINT32: return Integer.toUnsignedLong(buf.getInt());
            case INT32: return (long) buf.getInt();
            case UINT64: case INT64: return buf.getLong();
            case FLOAT32: return (double) buf.getFloat();
            case FLOAT64: return buf.getDouble();
            case BOOL: return buf.get() != 0;
            case STRING: return string("value of " + key);
            case ARRAY: {
                if (depth >= MAX_ARRAY_DEPTH) throw bad(path, "metadata " + key + " nests arrays deeper than " + MAX_ARRAY_DEPTH);
                int elementType = buf.getInt();
                long count = buf.getLong();
                int width = width(elementType, key);
                requireCount("length of array " + key, count, width);
                if (elementType == STRING) {
                    List<String> strings = new ArrayList<>((int) Math.min(count, 1 << 16));
                    for (long i = 0; i < count; i++) strings.add(string("element of " + key));
                    return new GgufFile.GgufArray(elementType, count, strings, null);
                }
                if (elementType == ARRAY) {
                    for (long i = 0; i < count; i++) value(ARRAY, key, depth + 1);
                    return new GgufFile.GgufArray(elementType, count, null, null);
                }
                double[] numbers = new double[Math.toIntExact(count)]; // count * width bytes remain: checked above
                for (int i = 0; i < numbers.length; i++) numbers[i] = number(value(elementType, key, depth + 1));
                return new GgufFile.GgufArray(elementType, count, null, numbers);
            }
            default:
                throw bad(path, "metadata " + key + " has unknown value type " + Integer.toUnsignedString(type));
        }
    }

    private static double number(Object v) {
        if (v instanceof Boolean b) return b ? 1 : 0;
        return v instanceof Long n ? n : (Double) v;
    }

    /** Bytes of one array element (at least, for strings and arrays). */
    private int width(int type, String key) {
        return switch (type) {
            case UINT8, INT8, BOOL -> 1;
            case UINT16, INT16 -> 2;
            case UINT32, INT32, FLOAT32 -> 4;
            case UINT64, INT64, FLOAT64, STRING -> 8;
            case ARRAY -> 12;
            default -> throw bad(path, "metadata " + key + " is an array of unknown value type " + Integer.toUnsignedString(type));
        };
    }

    private String string(String what) {
        long len = buf.getLong();
        if (len < 0 || len > buf.remaining()) {
            throw bad(path, "string length " + Long.toUnsignedString(len) + " (" + what + ") exceeds the " + buf.remaining() + " bytes that remain (truncated or corrupt header)");
        }
        byte[] b = new byte[(int) len];
        buf.get(b);
        try {
            return utf8.decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw bad(path, "a string (" + what + ") is not valid UTF-8");
        }
    }

    private void requireCount(String what, long count, long minBytesEach) {
        if (count < 0 || count > buf.remaining() / minBytesEach) {
            throw bad(path, "its " + what + " " + Long.toUnsignedString(count) + " cannot fit in the " + buf.remaining() + " bytes that remain (corrupt header)");
        }
    }

    static long align(long offset, long alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    static LlmbenchException bad(Path path, String problem) {
        return new LlmbenchException("GGUF file " + path + " is invalid: " + problem + ".");
    }

    /** Whether the file starts with the GGUF magic (for telling files apart). */
    public static boolean looksLikeGguf(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, 0);
            return b.position() == 4 && b.getInt(0) == MAGIC;
        } catch (IOException e) {
            return false;
        }
    }
}
