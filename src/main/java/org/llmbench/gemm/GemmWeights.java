package org.llmbench.gemm;

/**
 * The weight operand of out = x · Wᵀ as {@link WeightGemm} takes it: n rows whose inner dimension
 * ("depth") is laid out in the owner's storage order, dequantized a block of rows at a time, and
 * the activations brought into the same order and rounding. The storage stays the owner's: packed
 * or quantized once when loaded, never converted as a whole.
 */
public interface GemmWeights {
    /** Output rows n. */
    int rows();

    /** The inner dimension in this storage's order: the columns, or more where rows are padded (int4's groups). */
    int depth();

    /** Blocks of the depth start and end at multiples of this (a block format's block or group), or at depth(). */
    int depthStep();

    /**
     * Row r's values at depth [k0, k0 + kc), as fp32, to dst[off .. off + kc). k0 is a multiple of
     * depthStep(); kc too, unless the block ends at depth().
     */
    void dequantize(int r, int k0, int kc, float[] dst, int off);

    /**
     * The store itself, if it already is panels as {@link WeightGemm} reads them (rows r .. r + NR - 1,
     * NR = {@link WeightGemm#NR}, depth p, row j at panelOffset(r, k) + p * NR + j, zero-padded past
     * the last row); null (the default) if the rows must be dequantized.
     */
    default float[] panels() {
        return null;
    }

    /** Where panel rows r .. (r a multiple of NR) start at depth k in {@link #panels()}. */
    default int panelOffset(int r, int k) {
        throw new UnsupportedOperationException("not stored as panels");
    }

    /**
     * The m activation rows x (m x columns) in this storage's depth order and with the rounding its
     * kernels apply (int8 and int4 round activations to Q8_0 blocks, as llama.cpp does): row-major
     * m x depth(), x itself or a buffer valid until this thread calls again.
     */
    float[] activations(float[] x, int m);
}
