package org.llmbench.telemetry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The allocators this JVM's backends registered. Today no backend has one: the JVM engine keeps
 * weights and KV cache on the heap, JCuda 12 has no memory-pool API and DJL exposes only the
 * device-wide cudaMemGetInfo, so CUDA allocated/reserved is reported only once a backend with its
 * own allocator registers it here.
 */
public final class MemoryPools {
    private static final List<MemoryPool> POOLS = new CopyOnWriteArrayList<>();

    private MemoryPools() {
    }

    public static void register(MemoryPool pool) {
        POOLS.add(pool);
    }

    public static void unregister(MemoryPool pool) {
        POOLS.remove(pool);
    }

    public static List<MemoryPool> registered() {
        return List.copyOf(POOLS);
    }
}
