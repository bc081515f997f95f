package org.llmbench.engine.jvm;

import org.llmbench.gemm.GemmWeights;
import org.llmbench.gemm.WeightGemm;
import org.llmbench.quant.Quant;
import org.llmbench.runtime.Parallel;

/**
 * A weight matrix of {@code rows} x {@code cols}, stored in some quant, owning its kernel: it
 * multiplies by activations without ever making a dequantized copy of itself. Many activation rows
 * at once (prefill) go through the blocked GEMM ({@link WeightGemm}), which dequantizes a block of
 * rows at a time into cache ({@link GemmWeights}); a few (decode) through the matrix's own kernels.
 */
public abstract class Matrix implements GemmWeights {
    protected final int rows;
    protected final int cols;

    protected Matrix(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
    }

    @Override
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

    /**
     * From this many activation rows on (prefill), the blocked GEMM: each weight is converted once
     * for all the rows, and a register tile reuses every loaded value many times over. Below it
     * (decode batches) each matrix's own kernels, which convert in registers. 5632 x 2048, 2 threads,
     * same JVM, GEMM over own kernels: at 16 rows int8 0.67, int4 0.38, fp16 0.93, fp32 0.90; at 32
     * rows int8 1.32, fp16 1.37, nf4 2.2, fp32 0.87, int4 0.66; at 512 rows int8 1.85, fp32 0.94-1.31,
     * int4 1.30 (its pair kernel, in some JVMs, also fell to a tenth of its speed: boxed vectors). The system
     * property llmbench.gemm.rows overrides it, for A/B measurements (a huge value: own kernels only).
     */
    public static final int GEMM_ROWS = Integer.getInteger("llmbench.gemm.rows", 32);

    /** out = x · this^T for all rows, split over the pool's threads when the product is large enough. */
    public final void multiply(Parallel pool, float[] x, float[] out, int batch) {
        if (batch >= GEMM_ROWS) {
            WeightGemm.multiply(pool, this, x, batch, out);
        } else {
            multiplyRows(pool, x, out, batch);
        }
    }

    /** {@link #multiply(Parallel, float[], float[], int)} by this matrix's own kernels. */
    protected void multiplyRows(Parallel pool, float[] x, float[] out, int batch) {
        forRows(pool, batch, (r0, r1) -> multiply(x, out, batch, r0, r1));
    }

    @Override
    public int depth() {
        return cols;
    }

    @Override
    public int depthStep() {
        return 1;
    }

    /** By default the activations as they are (the float kernels multiply them unrounded). */
    @Override
    public float[] activations(float[] x, int m) {
        return x;
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
