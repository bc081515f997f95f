package org.llmbench.weights.gguf;

import org.llmbench.LlmbenchException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed GGUF header: metadata and tensor entries, every size already checked against the file.
 *
 * @param metadata values as Long (all integer types), Double (floats), Boolean, String or
 *                 {@link GgufArray}
 * @param tensors entries by name, in file order
 */
public record GgufFile(Path path, long size, int version, Map<String, Object> metadata,
                       Map<String, GgufTensorInfo> tensors, long dataOffset, int alignment) {

    public String string(String key) {
        Object v = metadata.get(key);
        if (v == null) return null;
        if (!(v instanceof String s)) throw bad(key + " should be a string");
        return s;
    }

    /** An integer value, or dflt when absent; a negative or non-integer value is an error. */
    public long integer(String key, long dflt) {
        Object v = metadata.get(key);
        if (v == null) return dflt;
        if (!(v instanceof Long n) || n < 0) throw bad(key + " should be a non-negative integer, not " + v);
        return n;
    }

    public double number(String key, double dflt) {
        Object v = metadata.get(key);
        if (v == null) return dflt;
        if (v instanceof Double d) return d;
        if (v instanceof Long n) return n;
        throw bad(key + " should be a number, not " + v);
    }

    LlmbenchException bad(String problem) {
        return new LlmbenchException("GGUF file " + path + " is invalid: " + problem + ".");
    }

    /**
     * A metadata array: its element type (GGUF value type id), its strings (string arrays) or its
     * numbers (numeric and bool arrays, e.g. a tokenizer's scores and token types); null otherwise.
     */
    public record GgufArray(int elementType, long count, List<String> strings, double[] numbers) {
        @Override
        public String toString() {
            return "array of " + count;
        }
    }
}
