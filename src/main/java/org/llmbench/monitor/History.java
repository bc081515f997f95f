package org.llmbench.monitor;

import java.util.HashMap;
import java.util.Map;

/** The last few values of each named series, for sparklines. */
final class History {
    private final int capacity;
    private final Map<String, double[]> rings = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    History(int capacity) {
        this.capacity = capacity;
    }

    void add(String series, double value) {
        double[] ring = rings.computeIfAbsent(series, k -> new double[capacity]);
        int n = counts.merge(series, 1, Integer::sum);
        ring[(n - 1) % capacity] = value;
    }

    /** Oldest first; at most the capacity. */
    double[] values(String series) {
        double[] ring = rings.get(series);
        if (ring == null) return new double[0];
        int n = counts.get(series), size = Math.min(n, capacity);
        double[] out = new double[size];
        for (int i = 0; i < size; i++) out[i] = ring[(n - size + i) % capacity];
        return out;
    }
}
