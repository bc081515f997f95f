package org.llmbench.weights.hf;

import org.llmbench.model.ModelSpec;

/** Re-lays-out HF weights in GGUF's order (the inverse of nothing: exactly llama.cpp's converter). */
final class HfLayouts {
    private HfLayouts() {
    }

    /** v holds the HF tensor's values; returns the GGUF tensor's values, rows x cols. */
    static float[] toGguf(HfTensorNames.Layout layout, float[] v, int rows, int cols, ModelSpec spec) {
        return switch (layout) {
            case SAME -> v;
            case TRANSPOSED -> transpose(v, cols, rows);
            case ROPE_PERMUTED_Q -> ropePermute(v, spec.heads(), rows, cols);
            case ROPE_PERMUTED_K -> ropePermute(v, spec.kvHeads(), rows, cols);
            case FALCON_QKV -> falconQkv(v, spec.heads(), spec.kvHeads(), spec.headDim(), cols);
        };
    }

    /** in is r x c; returns its c x r transpose. */
    static float[] transpose(float[] in, int r, int c) {
        float[] out = new float[in.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) out[j * r + i] = in[i * c + j];
        }
        return out;
    }

    /**
     * llama.cpp's permute(): within each head, HF row j * (hd / 2) + i (HF rotates the two halves)
     * becomes row 2 * i + j (GGUF rotates adjacent pairs).
     */
    static float[] ropePermute(float[] in, int heads, int rows, int cols) {
        float[] out = new float[in.length];
        int hd = rows / heads, half = hd / 2;
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                for (int j = 0; j < 2; j++) {
                    System.arraycopy(in, (h * hd + j * half + i) * cols, out, (h * hd + 2 * i + j) * cols, cols);
                }
            }
        }
        return out;
    }

    /** Falcon's fused rows, per kv group [q heads of the group, k, v], to [all q, all k, all v]. */
    static float[] falconQkv(float[] in, int heads, int kvHeads, int hd, int cols) {
        float[] out = new float[in.length];
        int qPerGroup = heads / kvHeads, groupRows = (qPerGroup + 2) * hd, block = hd * cols;
        int kStart = heads * hd, vStart = kStart + kvHeads * hd;
        for (int g = 0; g < kvHeads; g++) {
            int src = g * groupRows * cols;
            System.arraycopy(in, src, out, g * qPerGroup * block, qPerGroup * block);
            System.arraycopy(in, src + qPerGroup * block, out, (kStart + g * hd) * cols, block);
            System.arraycopy(in, src + (qPerGroup + 1) * block, out, (vStart + g * hd) * cols, block);
        }
        return out;
    }
}
