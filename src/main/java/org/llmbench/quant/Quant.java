package org.llmbench.quant;

import org.llmbench.LlmbenchException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the weights of a matrix are stored. Byte counts are exact: the storage formats are
 * blockwise (a block of values shares one scale), and a row's last block may be partial.
 */
public enum Quant {
    FP32("fp32", 1, 4, 0),
    FP16("fp16", 1, 2, 0),
    BF16("bf16", 1, 2, 0),
    /** llama.cpp Q8_0: blocks of 32 int8 values with one fp16 scale (34 bytes). */
    INT8("int8", 32, 32, 2),
    /** llama.cpp Q4_0: blocks of 32 4-bit values with one fp16 scale (18 bytes). */
    INT4("int4", 32, 16, 2),
    /** bitsandbytes NF4: blocks of 64 4-bit codebook indices with one fp32 absmax (36 bytes). */
    NF4("nf4", 64, 32, 4),
    /** int8 weights with one fp32 scale per row; activations quantized per token at run time. */
    DYNAMIC("dynamic", Integer.MAX_VALUE, 1, 4);

    private final String id;
    private final int blockSize;
    private final int payloadBytesPerBlock;
    private final int scaleBytesPerBlock;

    Quant(String id, int blockSize, int payloadBytesPerBlock, int scaleBytesPerBlock) {
        this.id = id;
        this.blockSize = blockSize;
        this.payloadBytesPerBlock = payloadBytesPerBlock;
        this.scaleBytesPerBlock = scaleBytesPerBlock;
    }

    /** The name used on the command line and in results. */
    public String id() {
        return id;
    }

    /** Exact bytes to store a rows x cols matrix in this format (blocks never span rows; a partial last block is stored padded). */
    public long bytes(long rows, long cols) {
        if (blockSize == 1) {
            return rows * cols * payloadBytesPerBlock;
        }
        if (this == DYNAMIC) {
            return rows * (cols + scaleBytesPerBlock);
        }
        long blocksPerRow = (cols + blockSize - 1) / blockSize; // a partial last block is padded
        return rows * blocksPerRow * (payloadBytesPerBlock + scaleBytesPerBlock);
    }

    public static Quant parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Quant q : values()) {
            if (q.id.equals(n)) {
                return q;
            }
        }
        throw new LlmbenchException("Unknown quant '" + name + "'; valid quants are " + validNames() + ".");
    }

    public static String validNames() {
        return Arrays.stream(values()).map(Quant::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
