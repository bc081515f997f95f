package org.llmbench.tokenizer;

import org.llmbench.model.ModelRegistry;
import org.llmbench.weights.gguf.GgufFile;
import org.llmbench.weights.gguf.GgufReader;

import java.nio.file.Files;
import java.nio.file.Path;

/** The tokenizer of a model named as everywhere else: a registry name, a .gguf file or a Hugging Face folder. */
public final class Tokenizers {
    private Tokenizers() {
    }

    public static ModelTokenizer load(String model) {
        if (ModelRegistry.contains(model)) return new ModelTokenizer(new ByteTokenizer(ModelRegistry.get(model).vocab()), null);
        Path p = Path.of(model);
        if (Files.isDirectory(p)) return HfTokenizerJson.read(p);
        return of(GgufReader.read(p));
    }

    public static ModelTokenizer of(GgufFile file) {
        return new ModelTokenizer(GgufVocabularies.of(file), GgufVocabularies.chatTemplate(file));
    }
}
