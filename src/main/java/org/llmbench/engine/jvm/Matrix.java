package org.llmbench.engine.jvm;

import org.llmbench.quant.Quant;
import org.llmbench.runtime.Parallel;

/**
 * A weight matrix of {@code rows} x {@code cols}, stored in some quant, owning its kernel: it
 * multiplies by activations without ever making a dequantized copy of itself.
 */
public abstract class Matrix {
    protected final int rows;
    protected final int cols;

    protected Matrix(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    public final int rows() {
        return rows;
    }

    public final int cols() {
        return cols;
    }

    public abstract Quant quant();

    /** Bytes this matrix's storage takes. */
    public abstract long bytes();

    /**
     * For output rows [r0, r1) and every batch row b < batch:
     * {@code out[b * rows + r] = dot(this row r, x[b * cols .. b * cols + cols))}.
     * Implementations load each weight block once for all batch rows.
     */
    public abstract void multiply(float[] x, float[] out, int batch, int r0, int r1);

    /** Writes row r, dequantized, to dst[off .. off + cols) (embedding lookup). */
    public abstract void row(int r, float[] dst, int off);

    /**
     * Below this many multiply-adds (tens of microseconds on one core) waking the pool's threads
     * costs more than it saves, so small products run on the calling thread.
     */
    static final long SERIAL_WORK = 1 << 18;

    /** out = x · this^T for all rows, split over the pool's threads when the product is large enough. */
    public void multiply(Parallel pool, float[] x, float[] out, int batch) {
        forRows(pool, batch, (r0, r1) -> multiply(x, out, batch, r0, r1));
    }

    /** Runs task over all output rows: on the calling thread for small products, else split over the pool. */
    protected final void forRows(Parallel pool, int batch, Parallel.RangeTask task) {
        if ((long) rows * cols * batch < SERIAL_WORK) {
            task.run(0, rows);
        } else {
            pool.forRange(rows, Fp32Matrix.PANEL, task); // pieces of whole panels: no panel computed twice
        }
    }
}
