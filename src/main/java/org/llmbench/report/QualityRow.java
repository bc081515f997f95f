package org.llmbench.report;

/** One row of a session's quality.json (written by the quantization work): how far a quant is from fp32. */
public record QualityRow(String model, String quant, Double weightRmse, Double logitsCosine, Double klDivergence, Double top1Agreement) {
}
