package org.llmbench.weights.gguf;

import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal tokenizer section for files of synthetic models, so llama.cpp can load them: a
 * SentencePiece-style vocabulary (with byte tokens) for llama, a byte-level BPE vocabulary (the
 * 256 byte characters, no merges) for gpt2 and falcon, padded with unique filler tokens to the
 * model's vocabulary size. It tokenizes nothing meaningfully: the weights are synthetic anyway.
 */
final class GgufTokenizer {
    private static final int NORMAL = 1, UNKNOWN = 2, CONTROL = 3, BYTE = 6;

    private GgufTokenizer() {
    }

    static void add(GgufMetadata meta, ModelSpec spec) {
        int n = spec.vocab();
        List<String> tokens = new ArrayList<>(n);
        int[] types = new int[n];
        float[] scores = new float[n];
        if (spec.arch() == Arch.LLAMA) {
            add(tokens, types, "<unk>", UNKNOWN);
            add(tokens, types, "<s>", CONTROL);
            add(tokens, types, "</s>", CONTROL);
            for (int b = 0; b < 256 && tokens.size() < n; b++) add(tokens, types, String.format("<0x%02X>", b), BYTE);
            while (tokens.size() < n) add(tokens, types, "\u2581t" + tokens.size(), NORMAL);
            for (int i = 0; i < n; i++) scores[i] = types[i] == NORMAL ? -i : 0f;
            meta.put("tokenizer.ggml.model", "llama")
                    .put("tokenizer.ggml.bos_token_id", Math.min(1, n - 1))
                    .put("tokenizer.ggml.eos_token_id", Math.min(2, n - 1))
                    .put("tokenizer.ggml.unknown_token_id", 0);
        } else {
            for (int b = 0; b < 256 && tokens.size() < n - 1; b++) add(tokens, types, byteChar(b), NORMAL);
            while (tokens.size() < n - 1) add(tokens, types, "t" + tokens.size(), NORMAL);
            add(tokens, types, "<|endoftext|>", CONTROL);
            meta.put("tokenizer.ggml.model", "gpt2")
                    .put("tokenizer.ggml.pre", spec.arch() == Arch.FALCON ? "falcon" : "gpt-2")
                    .put("tokenizer.ggml.merges", new GgufMetadata.Strings(List.of()))
                    .put("tokenizer.ggml.bos_token_id", n - 1)
                    .put("tokenizer.ggml.eos_token_id", n - 1);
        }
        meta.put("tokenizer.ggml.tokens", new GgufMetadata.Strings(tokens))
                .put("tokenizer.ggml.scores", new GgufMetadata.Floats(scores))
                .put("tokenizer.ggml.token_type", new GgufMetadata.Ints(types));
    }

    private static void add(List<String> tokens, int[] types, String token, int type) {
        types[tokens.size()] = type;
        tokens.add(token);
    }

    /** GPT-2's byte-level alphabet: printable bytes stand for themselves, the rest map to U+0100 onwards. */
    static String byteChar(int b) {
        boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        if (printable) return String.valueOf((char) b);
        int n = 0;
        for (int c = 0; c < b; c++) {
            if (!((c >= '!' && c <= '~') || (c >= 0xA1 && c <= 0xAC) || (c >= 0xAE && c <= 0xFF))) n++;
        }
        return String.valueOf((char) (256 + n));
    }
}
