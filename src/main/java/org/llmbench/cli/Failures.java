package org.llmbench.cli;

/** Turns what JMH prints for a failed configuration (an exception's text) into a one-line reason. */
final class Failures {
    private Failures() {
    }

    /**
     * The first line without the exception's class name: "org.llmbench.LlmbenchException: cublas: no
     * CUDA driver." becomes "cublas: no CUDA driver."; a Java error keeps its simple name, since
     * there the name is the information ("NullPointerException: ...").
     */
    static String reason(String throwableText) {
        String first = throwableText.strip().lines().findFirst().orElse("").strip();
        int colon = first.indexOf(": ");
        String cls = colon > 0 ? first.substring(0, colon) : first;
        if (!cls.matches("[\\w$.]+") || !cls.contains(".")) return first;
        String message = colon > 0 ? first.substring(colon + 2).strip() : "";
        if (cls.startsWith("org.llmbench.")) return message.isEmpty() ? "failed without a message" : message;
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        return message.isEmpty() ? "internal error: " + simple : "internal error: " + simple + ": " + message;
    }

    /** Whether the failure is a bug (a Java error with a stack trace) rather than a user's error with its sentence. */
    static boolean isInternal(String throwableText) {
        return throwableText.contains("\tat ") && !throwableText.strip().startsWith("org.llmbench.");
    }
}
