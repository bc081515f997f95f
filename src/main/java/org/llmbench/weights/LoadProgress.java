package org.llmbench.weights;

import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.Quant;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A weight source that says how far loading has got, for setups that take more than a second:
 * generating or reading every tensor and converting it to the quant happen tensor by tensor, so
 * the share of weight elements handed out is the share of the work done. Quiet for fast loads;
 * at most one line every {@link #EVERY_NANOS}, then one line when done.
 */
public final class LoadProgress implements WeightSource {
    static final long QUIET_NANOS = 1_000_000_000L, EVERY_NANOS = 3_000_000_000L;

    private final WeightSource source;
    private final String what;
    private final PrintStream out;
    private final Map<String, Long> elements = new HashMap<>();
    private final long total;
    private final java.util.function.LongSupplier clock;
    private final long start;
    private long done, lastPrint;
    private boolean spoke;

    /** @param what e.g. "llama-tiny at int4": the subject of the progress lines */
    public LoadProgress(WeightSource source, String what, PrintStream out) {
        this(source, what, out, System::nanoTime);
    }

    LoadProgress(WeightSource source, String what, PrintStream out, java.util.function.LongSupplier clock) {
        this.source = source;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.what = what;
        this.out = out;
        long sum = 0;
        for (TensorSpec t : source.spec().tensors()) {
            elements.put(t.name(), t.elements());
            sum += t.elements();
        }
        this.total = Math.max(1, sum);
        this.lastPrint = start;
    }

    @Override
    public TensorData tensor(String name) {
        report();
        TensorData t = source.tensor(name);
        done += elements.getOrDefault(name, 0L);
        return t;
    }

    /** The load is over: one closing line if progress was shown (or the load took over a second). */
    public void finished() {
        long now = clock.getAsLong();
        if (spoke || now - start > QUIET_NANOS) {
            out.printf(Locale.ROOT, "# Setup: %s loaded in %.1f s%n", what, (now - start) / 1e9);
            out.flush();
        }
    }

    private void report() {
        long now = clock.getAsLong();
        if (now - start < QUIET_NANOS || now - lastPrint < (spoke ? EVERY_NANOS : QUIET_NANOS)) return;
        lastPrint = now;
        spoke = true;
        out.printf(Locale.ROOT, "# Setup: loading %s (%s weights): %d%% after %.1f s%n", what,
                source.synthetic() ? "generating" : "reading", Math.round(100.0 * done / total), (now - start) / 1e9);
        out.flush();
    }

    @Override
    public ModelSpec spec() {
        return source.spec();
    }

    @Override
    public boolean synthetic() {
        return source.synthetic();
    }

    @Override
    public String origin() {
        return source.origin();
    }

    @Override
    public String conversion(Quant quant) {
        return source.conversion(quant);
    }

    @Override
    public Quant storedQuant() {
        return source.storedQuant();
    }

    @Override
    public void close() {
        source.close();
    }
}
