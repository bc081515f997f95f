package org.llmbench.endpoint;

import org.llmbench.LlmbenchException;

import java.util.Locale;

/** The two OpenAI generation APIs an endpoint can be driven through. */
public enum Api {
    CHAT("/v1/chat/completions"),
    COMPLETIONS("/v1/completions");

    final String path;

    Api(String path) {
        this.path = path;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Api parse(String text, String where) {
        for (Api a : values()) {
            if (a.label().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) return a;
        }
        throw new LlmbenchException(where + "api '" + text + "' is invalid; valid APIs are chat (/v1/chat/completions) and completions (/v1/completions).");
    }
}
