package org.llmbench.workload;

import org.llmbench.LlmbenchException;
import org.llmbench.engine.Engine;
import org.llmbench.engine.jvm.JvmEngine;
import org.llmbench.engine.torch.TorchEngine;
import org.llmbench.quant.Quant;
import org.llmbench.weights.WeightSource;

import java.util.Arrays;
import java.util.Locale;

/** The inference backends behind {@link Engine}, by the name used in {@code -p backend=}. */
public enum Backend {
    JVM("jvm"),
    /** PyTorch through DJL on the CPU. */
    TORCH("torch"),
    /** PyTorch through DJL on the first CUDA device (needs the GPU natives: mvn -Pcuda package). */
    TORCH_CUDA("torch-cuda");

    private final String id;

    Backend(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public Engine load(WeightSource source, Quant quant, int threads) {
        return switch (this) {
            case JVM -> JvmEngine.load(source, quant, threads);
            case TORCH -> TorchEngine.load(source, quant, threads, TorchEngine.Target.CPU);
            case TORCH_CUDA -> TorchEngine.load(source, quant, threads, TorchEngine.Target.CUDA);
        };
    }

    /** Refuses, with one sentence, a quant this backend cannot run; touches no native library. */
    public void requireSupported(Quant quant) {
        switch (this) {
            case JVM -> { } // every quant
            case TORCH -> TorchEngine.requireSupported(quant, TorchEngine.Target.CPU);
            case TORCH_CUDA -> TorchEngine.requireSupported(quant, TorchEngine.Target.CUDA);
        }
    }

    /** "jvm: every quant; torch: fp32, fp16, dynamic; ..." for messages that list the valid pairs. */
    public static String supportedPairs() {
        return "jvm: " + Quant.validNames() + "; torch: " + TorchEngine.supportedQuants(TorchEngine.Target.CPU)
                + "; torch-cuda: " + TorchEngine.supportedQuants(TorchEngine.Target.CUDA);
    }

    public static Backend parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Backend b : values()) {
            if (b.id.equals(n)) return b;
        }
        throw new LlmbenchException("Unknown backend '" + name + "'; valid backends are " + validNames() + ".");
    }

    public static String validNames() {
        return String.join(", ", Arrays.stream(values()).map(Backend::id).toList());
    }
}
