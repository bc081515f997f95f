package org.llmbench.tokenizer;

import org.llmbench.LlmbenchException;
import org.llmbench.weights.gguf.GgufFile;

import java.util.ArrayList;
import java.util.List;

/** Builds the tokenizer a GGUF file describes in its tokenizer.ggml.* metadata (llama.cpp's keys). */
final class GgufVocabularies {
    private GgufVocabularies() {
    }

    static Tokenizer of(GgufFile f) {
        String model = f.string("tokenizer.ggml.model");
        if (model == null) throw bad(f, "it has no tokenizer (tokenizer.ggml.model is missing), so text cannot be turned into tokens");
        String[] tokens = strings(f, "tokenizer.ggml.tokens", true).toArray(new String[0]);
        double[] typeValues = numbers(f, "tokenizer.ggml.token_type", tokens.length);
        int[] types = new int[tokens.length];
        for (int i = 0; i < types.length; i++) types[i] = typeValues == null ? Vocabulary.NORMAL : (int) typeValues[i];
        boolean llama = model.equals("llama");
        Vocabulary vocab = new Vocabulary(tokens, types, id(f, "tokenizer.ggml.bos_token_id"), id(f, "tokenizer.ggml.eos_token_id"),
                id(f, "tokenizer.ggml.unknown_token_id"), flag(f, "tokenizer.ggml.add_bos_token", llama));
        String source = "GGUF " + f.path().getFileName();
        switch (model) {
            case "llama": {
                double[] s = numbers(f, "tokenizer.ggml.scores", tokens.length);
                if (s == null) throw bad(f, "its llama tokenizer has no tokenizer.ggml.scores");
                float[] scores = new float[s.length];
                for (int i = 0; i < s.length; i++) scores[i] = (float) s[i];
                return SentencePieceBpe.withScores(vocab, scores, flag(f, "tokenizer.ggml.add_space_prefix", true), source);
            }
            case "gpt2": {
                List<String[]> merges = new ArrayList<>();
                for (String m : strings(f, "tokenizer.ggml.merges", false)) {
                    int sp = m.indexOf(' ', 1);
                    if (sp < 0) throw bad(f, "merge '" + m + "' in tokenizer.ggml.merges is not two tokens separated by a space");
                    merges.add(new String[]{m.substring(0, sp), m.substring(sp + 1)});
                }
                String pre = f.string("tokenizer.ggml.pre");
                String regex = ByteLevelBpe.GPT2_SPLIT;
                if ("llama-bpe".equals(pre) || "llama3".equals(pre)) {
                    regex = ByteLevelBpe.LLAMA3_SPLIT;
                } else if (pre != null && !pre.equals("gpt-2") && !pre.equals("default")) {
                    source += ", pre-tokenizer '" + pre + "' not implemented: GPT-2's split used";
                }
                return new ByteLevelBpe(vocab, merges, regex, false, source);
            }
            default:
                throw bad(f, "its tokenizer '" + model + "' is not supported (llmbench reads llama and gpt2 tokenizers)");
        }
    }

    static String chatTemplate(GgufFile f) {
        return f.string("tokenizer.chat_template");
    }

    private static LlmbenchException bad(GgufFile f, String problem) {
        return new LlmbenchException("GGUF file " + f.path() + " is invalid: " + problem + ".");
    }

    private static List<String> strings(GgufFile f, String key, boolean required) {
        Object v = f.metadata().get(key);
        if (v == null && !required) return List.of();
        if (!(v instanceof GgufFile.GgufArray a) || a.strings() == null) throw bad(f, key + " should be an array of strings");
        return a.strings();
    }

    private static double[] numbers(GgufFile f, String key, int count) {
        Object v = f.metadata().get(key);
        if (v == null) return null;
        if (!(v instanceof GgufFile.GgufArray a) || a.numbers() == null) throw bad(f, key + " should be an array of numbers");
        if (a.numbers().length != count) throw bad(f, key + " has " + a.numbers().length + " entries for " + count + " tokens");
        return a.numbers();
    }

    private static int id(GgufFile f, String key) {
        long id = f.integer(key, -1);
        return id > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) id;
    }

    private static boolean flag(GgufFile f, String key, boolean dflt) {
        Object v = f.metadata().get(key);
        if (v == null) return dflt;
        if (!(v instanceof Boolean b)) throw bad(f, key + " should be true or false, not " + v);
        return b;
    }
}
