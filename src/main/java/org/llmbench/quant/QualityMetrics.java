package org.llmbench.quant;

/** How far a quantized model's outputs are from the fp32 reference, one comparison at a time. */
public final class QualityMetrics {
    private QualityMetrics() {
    }

    /** Cosine similarity of a[ao .. ao + n) and b[bo .. bo + n); 1 when both are zero. */
    public static double cosine(float[] a, int ao, float[] b, int bo, int n) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < n; i++) {
            dot += (double) a[ao + i] * b[bo + i];
            na += (double) a[ao + i] * a[ao + i];
            nb += (double) b[bo + i] * b[bo + i];
        }
        if (na == 0 && nb == 0) return 1;
        return dot / Math.sqrt(na * nb);
    }

    /** KL(P || Q) in nats of the softmax distributions of logits p (reference) and q (candidate). */
    public static double klDivergence(float[] p, int po, float[] q, int qo, int n) {
        double lseP = logSumExp(p, po, n), lseQ = logSumExp(q, qo, n), kl = 0;
        for (int i = 0; i < n; i++) {
            double lp = p[po + i] - lseP, lq = q[qo + i] - lseQ;
            kl += Math.exp(lp) * (lp - lq);
        }
        return Math.max(0, kl); // rounding can leave a tiny negative for identical inputs
    }

    public static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (x[off + i] > x[off + best]) best = i;
        return best;
    }

    private static double logSumExp(float[] x, int off, int n) {
        double max = x[off + argmax(x, off, n)], sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(x[off + i] - max);
        return max + Math.log(sum);
    }

    /** Root mean square of the differences of a[ao ..] and b[bo ..], as a running sum: returns the squared error sum. */
    public static double squaredError(float[] a, int ao, float[] b, int bo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) a[ao + i] - b[bo + i];
            s += d * d;
        }
        return s;
    }
}
