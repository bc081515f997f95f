package org.llmbench.report;

import java.util.List;

/**
 * A few common GPU cloud instances and their approximate on-demand list prices, to put the
 * measured throughput in money terms. Prices change: these are AWS us-east-1 Linux on-demand
 * list prices as published in 2024, rounded; pass --price-per-hour for your own.
 */
public final class InstancePrices {
    public record Instance(String name, String gpu, double usdPerHour) {
    }

    public static final String SOURCE = "approximate AWS us-east-1 on-demand list prices, 2024 (check current pricing)";

    public static final List<Instance> ALL = List.of(
            new Instance("g4dn.xlarge", "1× NVIDIA T4 16 GB", 0.526),
            new Instance("g5.xlarge", "1× NVIDIA A10G 24 GB", 1.006),
            new Instance("p3.2xlarge", "1× NVIDIA V100 16 GB", 3.06),
            new Instance("p4d.24xlarge", "8× NVIDIA A100 40 GB", 32.77),
            new Instance("p5.48xlarge", "8× NVIDIA H100 80 GB", 98.32));

    private InstancePrices() {
    }

    /** Cost per 1M tokens = price per hour / (tokens/s · 3600) · 1e6. */
    public static double costPerMillionTokens(double usdPerHour, double tokensPerSecond) {
        return tokensPerSecond > 0 ? usdPerHour / (tokensPerSecond * 3600) * 1e6 : Double.NaN;
    }
}
