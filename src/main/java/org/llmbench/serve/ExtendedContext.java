package org.llmbench.serve;

import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.TensorData;
import org.llmbench.weights.WeightSource;

/**
 * A rotary-position model's weights with a context longer than the one it was trained for: only
 * the stated context changes (no tensor depends on it when positions are rotary), so the engine
 * sizes its sessions and RoPE tables for {@code tokens}. Positions past the trained context are
 * extrapolated; what comes out there is a measurement of speed, not of quality.
 */
final class ExtendedContext implements WeightSource {
    private final WeightSource inner;
    private final ModelSpec spec;

    ExtendedContext(WeightSource inner, int tokens) {
        this.inner = inner;
        ModelSpec s = inner.spec();
        this.spec = new ModelSpec(s.name(), s.arch(), s.dim(), s.layers(), s.heads(), s.kvHeads(), s.ffnDim(), s.vocab(), tokens,
                s.ropeTheta(), s.normEps(), s.tiedEmbeddings());
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public TensorData tensor(String name) {
        return inner.tensor(name);
    }

    @Override
    public boolean synthetic() {
        return inner.synthetic();
    }

    @Override
    public String origin() {
        return inner.origin();
    }

    @Override
    public String conversion(Quant quant) {
        return inner.conversion(quant);
    }

    @Override
    public void close() {
        inner.close();
    }
}
