package org.llmbench.weights;

import org.llmbench.quant.Quant;

/**
 * How a file stores a tensor's values: ggml's type ids (GGUF and llama.cpp use them), block
 * sizes and block bytes exactly as ggml defines them. Only the types llmbench can read are listed.
 */
public enum TensorType {
    F32(0, 1, 4, Quant.FP32),
    F16(1, 1, 2, Quant.FP16),
    Q4_0(2, 32, 18, Quant.INT4),
    Q8_0(8, 32, 34, Quant.INT8),
    Q4_K(12, 256, 144, null),
    Q5_K(13, 256, 176, null),
    Q6_K(14, 256, 210, null),
    BF16(30, 1, 2, Quant.BF16);

    private final int ggmlId;
    private final int blockSize;
    private final int blockBytes;
    private final Quant quant;

    TensorType(int ggmlId, int blockSize, int blockBytes, Quant quant) {
        this.ggmlId = ggmlId;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
        this.quant = quant;
    }

    public int ggmlId() {
        return ggmlId;
    }

    public int blockSize() {
        return blockSize;
    }

    public int blockBytes() {
        return blockBytes;
    }

    /** The engine quant that runs this type as stored, or null when it must be converted on load. */
    public Quant quant() {
        return quant;
    }

    /**
     * The quant that runs this type: its own, or for the K-quants (no kernel here) the nearest
     * one that keeps their precision: int4 for Q4_K, int8 for Q5_K and Q6_K.
     */
    public Quant nearestQuant() {
        if (quant != null) return quant;
        return this == Q4_K ? Quant.INT4 : Quant.INT8;
    }

    /** Bytes of a row of {@code cols} values; cols must be a multiple of the block size. */
    public long rowBytes(long cols) {
        return cols / blockSize * blockBytes;
    }

    /** The type with this ggml id, or null when llmbench cannot read it. */
    public static TensorType ofGgmlId(long id) {
        for (TensorType t : values()) {
            if (t.ggmlId == id) return t;
        }
        return null;
    }

    /** The type that stores a quant as is, or null (nf4, dynamic have no GGUF type). */
    public static TensorType of(Quant q) {
        for (TensorType t : values()) {
            if (t.quant == q) return t;
        }
        return null;
    }
}
