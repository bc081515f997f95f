package org.llmbench.workload;

/**
 * One (model, quant) comparison against fp32: weight RMSE over all matrices (and the worst tensor),
 * and over a fixed token sequence the mean logits cosine, mean KL(fp32 || quant) of the next-token
 * distributions in nats, and the share of positions whose top-1 token agrees.
 */
public record QualityReport(String model, String quant, double weightRmse, String worstTensor, double worstTensorRmse,
                            double logitsCosine, double klDivergence, double top1Agreement, int positions, String weights) {
}
