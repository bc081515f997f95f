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

    @Override
    default void close() {
    }
}
