package org.llmbench.serve;

/**
 * A request the server refuses, as OpenAI's error object: an HTTP status, one sentence naming the
 * bad value and what is valid, the field it concerns (or null), and OpenAI's type and code.
 */
final class ApiError extends RuntimeException {
    final int status;
    final String param, type, code;

    ApiError(int status, String message, String param) {
        this(status, message, param, status >= 500 ? "server_error" : "invalid_request_error", null);
    }

    ApiError(int status, String message, String param, String type, String code) {
        super(message, null, false, false);
        this.status = status;
        this.param = param;
        this.type = type;
        this.code = code;
    }
}
