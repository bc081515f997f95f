package org.llmbench.weights.gguf;

import org.llmbench.weights.TensorType;

/**
 * One tensor entry of a GGUF header.
 *
 * @param ne dimensions as GGUF lists them (ne[0] is the row length)
 * @param typeId the ggml type id as stored
 * @param type the readable type, or null when llmbench cannot read typeId
 * @param offset absolute position of the data in the file
 * @param bytes size of the data, or -1 when the type is unknown
 */
public record GgufTensorInfo(String name, long[] ne, long typeId, TensorType type, long offset, long bytes) {
    public long elements() {
        long n = 1;
        for (long d : ne) n *= d;
        return n;
    }

    public String shape() {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < ne.length; i++) s.append(i == 0 ? "" : ", ").append(ne[i]);
        return s.append(']').toString();
    }

    /** The type's name, for an unknown id the ggml name where known. */
    public String typeName() {
        return type != null ? type.name() : GgmlTypeNames.of(typeId);
    }
}
