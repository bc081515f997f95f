package org.llmbench.suite;

import org.llmbench.LlmbenchException;

import java.util.Locale;

/**
 * In which order a suite's configurations run. Shuffled (the default) with a recorded seed, so the
 * slow drift of a shared machine (heat, neighbours) does not line up with one parameter.
 */
public enum RunOrder {
    AS_GIVEN("as-given"), SHUFFLED("shuffled");

    private final String id;

    RunOrder(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static RunOrder parse(String s) {
        for (RunOrder o : values()) {
            if (o.id.equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) return o;
        }
        throw new LlmbenchException("--order '" + s + "' is invalid; valid orders are as-given and shuffled.");
    }
}
