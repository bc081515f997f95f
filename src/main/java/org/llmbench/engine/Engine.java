package org.llmbench.engine;

import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;

/** One loaded model on one backend. */
public interface Engine extends AutoCloseable {
    ModelSpec spec();

    Quant quant();

    String backend();

    /** Bytes of weights as the engine holds them. */
    long weightBytes();

    /**
     * Weight bytes one decode step reads: every matrix once for all batch rows (the token embedding
     * only for the looked-up rows, unless it is also the output head) plus the norm vectors.
     */
    default long weightBytesPerDecodeStep(int batch) {
        return weightBytes();
    }

    /** A session for {@code batch} sequences of at most {@code maxSeq} tokens each. */
    Session newSession(int batch, int maxSeq);

    @Override
    default void close() {
    }
}
