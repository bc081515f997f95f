package org.llmbench.weights.hf;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.llmbench.LlmbenchException;
import org.llmbench.weights.TensorType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header of one .safetensors file: an 8-byte little-endian length, a JSON object of
 * tensors (dtype, shape, data_offsets relative to the end of the header), then the data.
 * Every offset is checked against the file before use.
 */
final class Safetensors {
    /** Headers beyond this are refused (real ones are well under 1 MiB). */
    static final long MAX_HEADER = 100L << 20;

    /** One tensor entry; offset is absolute in the file. */
    record Entry(String name, Path file, String dtype, TensorType type, long[] shape, long offset, long bytes) {
        long elements() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }

        String shapeText() {
            return java.util.Arrays.toString(shape);
        }
    }

    private Safetensors() {
    }

    static Map<String, Entry> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw bad(file, "it is " + size + " bytes, shorter than a safetensors header");
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(len, 0);
            long n = len.getLong(0);
            if (n < 2 || n > size - 8 || n > MAX_HEADER) {
                throw bad(file, "its header length " + Long.toUnsignedString(n) + " does not fit its " + size + " bytes (truncated or not a safetensors file)");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            while (header.hasRemaining() && ch.read(header, 8 + header.position()) > 0) {
                // keep reading until the header is complete
            }
            JsonObject json;
            try {
                json = JsonParser.parseString(new String(header.array(), StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (RuntimeException e) {
                throw bad(file, "its header is not a JSON object");
            }
            long dataStart = 8 + n;
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : json.entrySet()) {
                if (e.getKey().equals("__metadata__")) continue;
                entries.put(e.getKey(), entry(file, e.getKey(), e.getValue(), dataStart, size));
            }
            return entries;
        } catch (NoSuchFileException e) {
            throw new LlmbenchException("Safetensors file " + file + " does not exist.");
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read safetensors file " + file + ": " + e.getMessage() + ".");
        }
    }

    private static Entry entry(Path file, String name, JsonElement el, long dataStart, long size) {
        try {
            JsonObject o = el.getAsJsonObject();
            String dtype = o.get("dtype").getAsString();
            var shapeJson = o.getAsJsonArray("shape");
            long[] shape = new long[shapeJson.size()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeJson.get(i).getAsLong();
                if (shape[i] < 0 || shape[i] > size) throw bad(file, "tensor " + name + " has dimension " + shape[i]);
                elements *= shape[i];
                if (elements > size) throw bad(file, "tensor " + name + " has more elements than the file holds");
            }
            var offsets = o.getAsJsonArray("data_offsets");
            long begin = offsets.get(0).getAsLong(), end = offsets.get(1).getAsLong();
            TensorType type = switch (dtype) {
                case "F32" -> TensorType.F32;
                case "F16" -> TensorType.F16;
                case "BF16" -> TensorType.BF16;
                default -> null; // reported when the tensor is needed
            };
            if (begin < 0 || end < begin || end > size - dataStart) {
                throw bad(file, "tensor " + name + " has data offsets [" + begin + ", " + end + "] outside the file's " + (size - dataStart) + " data bytes (truncated?)");
            }
            if (type != null && end - begin != elements * type.blockBytes()) {
                throw bad(file, "tensor " + name + " of shape " + java.util.Arrays.toString(shape) + " and dtype " + dtype + " should take "
                        + elements * type.blockBytes() + " bytes, not " + (end - begin));
            }
            return new Entry(name, file, dtype, type, shape, dataStart + begin, end - begin);
        } catch (LlmbenchException e) {
            throw e;
        } catch (RuntimeException e) {
            throw bad(file, "the header entry of tensor " + name + " is malformed (needs dtype, shape and data_offsets)");
        }
    }

    static LlmbenchException bad(Path file, String problem) {
        return new LlmbenchException("Safetensors file " + file + " is invalid: " + problem + ".");
    }
}
