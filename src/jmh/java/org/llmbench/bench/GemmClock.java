package org.llmbench.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The backend's own clock (CUDA events for cublas, System.nanoTime around the call on the CPU),
 * summed over the measured iterations: backendMillis / multiplications is the time per
 * multiplication without JMH's loop, which matters for the GPU.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class GemmClock {
    public double backendMillis;
    public long multiplications;

    @Setup(Level.Iteration)
    public void reset() {
        backendMillis = 0;
        multiplications = 0;
    }
}
