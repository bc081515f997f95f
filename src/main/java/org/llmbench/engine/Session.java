package org.llmbench.engine;

/**
 * Generation state for a batch of sequences: owns the KV cache and the activation buffers.
 * Returned logits are a view into a buffer the session reuses: row b at [b * vocab, (b + 1) * vocab).
 */
public interface Session extends AutoCloseable {
    int batch();

    int maxSeq();

    /** Runs every prompt (row b of the batch gets prompts[b]) and returns each row's last-position logits. */
    float[] prefill(int[][] prompts);

    /** Appends one token to every row and returns the next-token logits of every row. */
    float[] decode(int[] tokens);

    /** Tokens held in row b's cache. */
    int length(int row);

    /** Forgets every row's tokens past {@code length} (the cache is kept, so nothing is recomputed). */
    void truncate(int length);

    long kvCacheBytes();

    // Per-row control, for a server that runs each row as its own request (continuous batching, prefix cache).

    /**
     * Appends tokens[i] to row rows[i] (distinct rows; the other rows stay as they are) in one pass over
     * the weights and returns each listed row's last-position logits, row rows[i]'s at [i * vocab, (i + 1) * vocab).
     * Decode steps of running rows and a chunk of a new row's prompt can so share one pass.
     */
    default float[] append(int[] rows, int[][] tokens) {
        throw unsupported("append");
    }

    /** Forgets row's tokens past {@code length} (only that row). */
    default void truncate(int row, int length) {
        throw unsupported("truncate(row)");
    }

    /** Floats the KV cache holds for one token: keys and values of every layer. */
    default int kvFloatsPerToken() {
        throw unsupported("kvFloatsPerToken");
    }

    /**
     * Copies row's cached keys and values of positions [from, to) (to at most {@link #length}) to
     * dst[off ..): layer by layer, that layer's keys for the positions, then its values.
     */
    default void exportKv(int row, int from, int to, float[] dst, int off) {
        throw unsupported("exportKv");
    }

    /**
     * Writes keys and values of positions [from, to), laid out as {@link #exportKv} writes them, into
     * row's cache (from at most {@link #length}); the row then holds exactly {@code to} tokens.
     */
    default void importKv(int row, int from, int to, float[] src, int off) {
        throw unsupported("importKv");
    }

    private org.llmbench.LlmbenchException unsupported(String what) {
        return new org.llmbench.LlmbenchException(getClass().getSimpleName() + " does not support " + what + "; serving needs a backend with per-row control (jvm).");
    }

    @Override
    default void close() {
    }
}
