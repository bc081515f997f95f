package org.llmbench.conversation;

import org.llmbench.LlmbenchException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server command line as given to --server-cmd, split the way a POSIX shell splits words (single
 * quotes literal, double quotes with backslash escapes, backslash outside quotes) but run without
 * a shell, so the PID we hold is the server's own. Leading NAME=value words set environment
 * variables, as in a shell. {@link #display()} hides the values of options and variables that look
 * like secrets (…key, …token, …secret, …password), so results never hold one.
 */
public record ServerCommand(String text, List<String> argv, Map<String, String> environment) {
    private static final String SECRET_OPTION = "(?i)--?[A-Za-z0-9_-]*(api[-_]?key|token|secret|password)";
    private static final String SECRET_NAME = "(?i).*(key|token|secret|password).*";

    public static ServerCommand parse(String text, String option) {
        List<String> words = split(text, option);
        Map<String, String> env = new LinkedHashMap<>();
        int i = 0;
        while (i < words.size() && words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            String w = words.get(i++);
            env.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
        }
        Map<String, String> environment = java.util.Collections.unmodifiableMap(env);
        if (i == words.size()) throw new LlmbenchException(option + " '" + new ServerCommand(text, List.of(), environment).display() + "' has no program to run; give a command such as \"vllm serve MODEL --port 8000\".");
        return new ServerCommand(text, List.copyOf(words.subList(i, words.size())), environment);
    }

    static List<String> split(String text, String option) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') quote = 0;
                else w.append(c);
            } else if (quote == '"') {
                if (c == '"') quote = 0;
                else if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) w.append(text.charAt(++i));
                else w.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                w.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) throw new LlmbenchException(option + " has an unclosed " + (quote == '"' ? "double" : "single") + " quote; close it or escape it with a backslash.");
        if (inWord) words.add(w.toString());
        if (words.isEmpty()) throw new LlmbenchException(option + " is empty; give the command that starts the server.");
        return words;
    }

    /** The command as results show it: secret-looking values replaced by ***. */
    public String display() {
        List<String> out = new ArrayList<>();
        environment.forEach((k, v) -> out.add(k + "=" + (k.matches(SECRET_NAME) ? "***" : v)));
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            int eq = a.indexOf('=');
            if (a.startsWith("-") && eq > 0 && a.substring(0, eq).matches(SECRET_OPTION)) {
                out.add(a.substring(0, eq) + "=***");
            } else if (a.matches(SECRET_OPTION) && i + 1 < argv.size()) {
                out.add(a);
                out.add("***");
                i++;
            } else {
                out.add(a.isEmpty() || a.matches(".*[\\s'\"\\\\].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
            }
        }
        return String.join(" ", out);
    }
}
