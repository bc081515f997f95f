package org.llmbench.telemetry;

/**
 * A device or off-heap allocator that knows what it reserved from the system and what its users
 * hold. A backend that owns such an allocator registers it with {@link MemoryPools}; telemetry
 * reads it and never guesses these numbers for allocators that do not say.
 */
public interface MemoryPool {
    /** Short name used in metric labels, e.g. "cuda0". */
    String name();

    /** Bytes the pool holds from the device or OS. */
    long reservedBytes();

    /** Bytes handed out to users and not yet freed. */
    long allocatedBytes();

    /** Highest allocatedBytes since the pool was created or last reset. */
    long peakAllocatedBytes();

    /** (reserved - allocated) / reserved, the fraction of reserved memory nobody uses; NaN for an empty pool. */
    static double fragmentation(long reserved, long allocated) {
        return reserved <= 0 ? Double.NaN : (double) (reserved - allocated) / reserved;
    }
}
