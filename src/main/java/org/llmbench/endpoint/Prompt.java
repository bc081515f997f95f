package org.llmbench.endpoint;

/**
 * One prompt to send. {@code tokenIds} is set only for synthetic prompts (sent as a token-id array to
 * completions endpoints that take one); {@code maxTokens} &gt; 0 overrides --max-tokens (synthetic OUT).
 *
 * @param length     "short", "medium", "long" (the suite), a user's own label, or "in=N" for synthetic prompts
 * @param complexity "simple", "moderate", "complex", or a user's own label
 */
public record Prompt(String id, String length, String complexity, String category, String text, int[] tokenIds, int maxTokens) {
}
