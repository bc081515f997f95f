package org.llmbench.weights;

import org.llmbench.LlmbenchException;
import org.llmbench.quant.Quant;

import java.util.Locale;
import java.util.Map;

/**
 * The quant a user asks for: a storage quant by name, or {@value #AUTO}, the weights as their
 * source stores them (a GGUF file's Q8_0 as int8, Q4_0 as int4, F16 as fp16, F32 as fp32; a mixed
 * file by the type most of its matrix values are stored in, the rest converted and stated;
 * synthetic weights are fp32).
 */
public final class QuantChoice {
    public static final String AUTO = "auto";

    private QuantChoice() {
    }

    public static boolean isAuto(String value) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals(AUTO);
    }

    /** Throws an LlmbenchException naming the value unless it is auto or a quant name. */
    public static void validate(String value) {
        if (isAuto(value)) return;
        try {
            Quant.parse(value);
        } catch (LlmbenchException e) {
            throw new LlmbenchException("Unknown quant '" + value + "'; valid quants are " + AUTO + " (the weights as stored), " + Quant.validNames() + ".");
        }
    }

    /** The quant to run: the named one, or for auto the one that runs the source's weights as stored. */
    public static Quant resolve(String value, WeightSource source) {
        validate(value);
        return isAuto(value) ? source.storedQuant() : Quant.parse(value);
    }

    /** The quant of synthetic (registry) weights: auto is fp32 for them. */
    public static Quant forSynthetic(String value) {
        validate(value);
        return isAuto(value) ? Quant.FP32 : Quant.parse(value);
    }

    /** One line for results and logs: the quant run and, for auto, why and what was converted. */
    public static String describe(String value, WeightSource source) {
        Quant q = resolve(value, source);
        if (!isAuto(value)) return q.id();
        String conversion = source.conversion(q);
        return q.id() + " (auto: " + (source.synthetic() ? "synthetic weights are fp32" : "the dominant stored type")
                + (conversion == null ? "; every weight runs as stored" : "; " + conversion) + ")";
    }

    /**
     * The quant running the type that holds the most values (matrices only), given elements per
     * stored type; types without a kernel of their own (K-quants) run as the nearest quant that
     * keeps their precision.
     */
    public static Quant dominantOf(Map<TensorType, Long> elements) {
        TensorType top = null;
        for (var e : elements.entrySet()) {
            if (top == null || e.getValue() > elements.get(top)) top = e.getKey();
        }
        return top == null ? Quant.FP32 : top.nearestQuant();
    }
}
