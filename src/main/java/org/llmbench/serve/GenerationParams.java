package org.llmbench.serve;

import java.util.List;

/** How one request generates: OpenAI's max_tokens, temperature, top_p, seed and stop, and the ignore_eos extension. */
record GenerationParams(int maxTokens, float temperature, float topP, long seed, List<String> stop, boolean ignoreEos) {
}
