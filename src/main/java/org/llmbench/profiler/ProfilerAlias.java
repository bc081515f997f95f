package org.llmbench.profiler;

import java.util.ArrayList;
import java.util.List;

/** JMH knows custom profilers only by class name: rewrites {@code -prof llm[:opts]} to {@link LlmProfiler}'s. */
public final class ProfilerAlias {
    public static final String NAME = "llm";

    private ProfilerAlias() {
    }

    /** A new, mutable list with every {@code -prof llm[:opts]} value replaced; other arguments untouched. */
    public static List<String> rewrite(List<String> args) {
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i + 1 < out.size(); i++) {
            if (!out.get(i).equals("-prof")) continue;
            String v = out.get(i + 1);
            if (v.equals(NAME) || v.startsWith(NAME + ":")) {
                out.set(i + 1, LlmProfiler.class.getName() + v.substring(NAME.length()));
            }
        }
        return out;
    }
}
