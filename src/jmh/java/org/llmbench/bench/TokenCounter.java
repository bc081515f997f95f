package org.llmbench.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rates next to the primary metric: "tokens" (tokens/s over the batch) and, for decode, "weightBytes"
 * (weight bytes read per second: the achieved weight bandwidth; KV-cache reads not included).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class TokenCounter {
    public long tokens;
    public long weightBytes;

    @Setup(Level.Iteration)
    public void reset() {
        tokens = 0;
        weightBytes = 0;
    }
}
