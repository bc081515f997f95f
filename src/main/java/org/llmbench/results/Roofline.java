package org.llmbench.results;

/**
 * What the machine can do at most, measured at the start of a run that needs it (Kernel and
 * Matmul results are drawn against it): STREAM-style triad bandwidth and peak fp32 FLOPS, on
 * all cores. NaN where it was not measured.
 */
public record Roofline(double triadBytesPerSecond, double peakFlopsPerSecond, int threads) {
}
