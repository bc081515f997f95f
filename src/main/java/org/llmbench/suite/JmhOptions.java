package org.llmbench.suite;

import org.llmbench.LlmbenchException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JMH command-line options as flag/value pairs, so a suite run's options and the user's extra
 * options can be merged (the user's win; profilers add up) and -p values taken out for expansion.
 * JMH itself parses the merged list of every configuration before anything runs.
 */
final class JmhOptions {
    private static final Set<String> NO_VALUE = Set.of("-l", "-lp", "-lprof", "-lrf", "-h", "-help", "--help");
    private static final Set<String> REPEATABLE = Set.of("-prof", "-e", "-p");
    /** A suite writes its own session folder and runs; these would fight it. */
    private static final Set<String> NOT_IN_A_SUITE = Set.of("-rf", "-rff", "-o", "-l", "-lp", "-lprof", "-lrf", "-h", "-help", "--help");

    /** Positional JMH arguments: include patterns. */
    final List<String> includes = new ArrayList<>();
    /** -e patterns. */
    final List<String> excludes = new ArrayList<>();
    /** -p values by parameter name, in the order given. */
    final Map<String, List<String>> params = new LinkedHashMap<>();
    /** Everything else, in order: flag, value, flag, value... */
    final List<String[]> options = new ArrayList<>();

    static JmhOptions parse(List<String> args, String where) {
        JmhOptions o = new JmhOptions();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.equals("-")) {
                o.includes.add(a);
                continue;
            }
            if (NOT_IN_A_SUITE.contains(a)) {
                throw new LlmbenchException(where + ": JMH option " + a + " cannot be used in a suite; a suite writes results/<session>/ itself"
                        + " (list benchmarks with java -jar target/benchmarks.jar " + (a.startsWith("-l") ? a : "-l") + ").");
            }
            if (NO_VALUE.contains(a)) continue;
            if (i + 1 >= args.size()) throw new LlmbenchException(where + ": JMH option " + a + " needs a value.");
            String v = args.get(++i);
            switch (a) {
                case "-e" -> o.excludes.add(v);
                case "-p" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) throw new LlmbenchException(where + ": -p '" + v + "' is malformed; write -p name=value[,value...].");
                    o.params.put(v.substring(0, eq), List.of(v.substring(eq + 1).split(",", -1)));
                }
                default -> o.options.add(new String[]{a, v});
            }
        }
        return o;
    }

    /** The run's options with the user's on top: a user's flag replaces the run's, repeatable ones (-prof) are added once. */
    static List<String> merge(JmhOptions run, JmhOptions user) {
        List<String[]> merged = new ArrayList<>();
        for (String[] o : run.options) {
            boolean replaced = !REPEATABLE.contains(o[0]) && user.options.stream().anyMatch(u -> u[0].equals(o[0]));
            if (!replaced) merged.add(o);
        }
        for (String[] u : user.options) {
            if (merged.stream().noneMatch(m -> m[0].equals(u[0]) && m[1].equals(u[1]))) merged.add(u);
        }
        List<String> out = new ArrayList<>();
        for (String[] o : merged) out.addAll(List.of(o));
        return out;
    }
}
