package org.llmbench;

/**
 * An error the user can cause (bad model name, bad quant, bad file, does not fit, no GPU).
 * Its message is one sentence naming the bad value and what would be valid; the CLI prints
 * only that sentence. Stack traces are kept only with -Dllmbench.trace=true, so JMH's
 * failure output for a configuration stays one readable line.
 */
public class LlmbenchException extends RuntimeException {
    private static final boolean TRACE = Boolean.getBoolean("llmbench.trace");

    public LlmbenchException(String message) {
        super(message, null, true, TRACE);
    }

    public LlmbenchException(String message, Throwable cause) {
        super(message, cause, true, TRACE);
    }
}
