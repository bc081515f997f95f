package org.llmbench.gemm;

/**
 * One way to multiply matrices. Lifecycle per benchmark trial: {@link #prepare} (allocate and
 * upload once), then {@link #multiply} many times, {@link #product} to read the result for the
 * trust check, {@link #close}. A backend that cannot run here throws an LlmbenchException with one
 * line from its constructor or prepare.
 */
public interface GemmBackend extends AutoCloseable {
    /** The name used in {@code -p backend=}. */
    String id();

    /** Takes the inputs, allocates every buffer the multiplications need. */
    void prepare(GemmProblem problem);

    /**
     * Runs one complete multiplication C = A * B and returns when C is final. Returns the
     * nanoseconds it took by the backend's own clock (CUDA events on the GPU, System.nanoTime on the CPU).
     */
    long multiply();

    /** Element (i, j) of the last product, as the backend computed it. */
    double product(int i, int j);

    /** Frees native and device memory; never throws. */
    @Override
    void close();
}
