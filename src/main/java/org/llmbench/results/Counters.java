package org.llmbench.results;

/**
 * The labels of the secondary results our benchmarks emit through JMH's @AuxCounters (JMH names
 * them after the counter fields, so the fields must carry these names; a test checks it).
 */
public final class Counters {
    /** Tokens (decode) or activation rows (kernel) per second. */
    public static final String TOKENS = "tokens";
    /** Weight bytes read per second. */
    public static final String WEIGHT_BYTES = "weightBytes";
    /** GFLOP per second (matmul). */
    public static final String GFLOPS = "gflops";
    /** The backend's own clock, summed over the measured iterations (matmul), ms. */
    public static final String BACKEND_MILLIS = "backendMillis";
    /** Multiplications timed by {@link #BACKEND_MILLIS}. */
    public static final String MULTIPLICATIONS = "multiplications";
    /** JMH's gc profiler: heap bytes allocated per operation. */
    public static final String GC_ALLOC_PER_OP = "·gc.alloc.rate.norm";

    private Counters() {
    }
}
