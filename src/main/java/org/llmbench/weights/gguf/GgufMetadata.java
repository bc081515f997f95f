package org.llmbench.weights.gguf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata to write, in order. Values carry their GGUF type: Integer is UINT32, Float FLOAT32,
 * Boolean BOOL, String STRING; arrays are {@link Strings}, {@link Floats} or {@link Ints} (INT32).
 */
final class GgufMetadata {
    record Strings(List<String> values) {
    }

    record Floats(float[] values) {
    }

    record Ints(int[] values) {
    }

    final Map<String, Object> entries = new LinkedHashMap<>();

    GgufMetadata put(String key, Object value) {
        entries.put(key, value);
        return this;
    }
}
