package org.llmbench.workload;

import org.llmbench.LlmbenchException;
import org.llmbench.engine.Engine;
import org.llmbench.engine.jvm.JvmEngine;
import org.llmbench.quant.Quant;
import org.llmbench.weights.WeightSource;

import java.util.Locale;

/** The inference backends behind {@link Engine}, by the name used in {@code -p backend=}. */
public enum Backend {
    JVM("jvm");

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
        };
    }

    public static Backend parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Backend b : values()) {
            if (b.id.equals(n)) return b;
        }
        throw new LlmbenchException("Unknown backend '" + name + "'; valid backends are " + validNames() + ".");
    }

    public static String validNames() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Backend::id).toList());
    }
}
