package org.llmbench.tokenizer;

/**
 * A model's tokenizer and the chat template its files carry (GGUF {@code tokenizer.chat_template},
 * tokenizer_config.json {@code chat_template}), or null where they carry none.
 */
public record ModelTokenizer(Tokenizer tokenizer, String chatTemplate) {
}
