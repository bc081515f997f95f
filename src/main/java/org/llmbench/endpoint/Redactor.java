package org.llmbench.endpoint;

import java.util.List;

/**
 * Removes secrets (API keys, header values) from any text before it is kept: error messages
 * quoted from a server (which may echo the Authorization header), log lines, result files.
 */
final class Redactor {
    static final String MASK = "***";
    private final List<String> secrets;

    Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).distinct().toList();
    }

    String clean(String text) {
        if (text == null) return "";
        String out = text;
        for (String s : secrets) out = out.replace(s, MASK);
        return out;
    }
}
