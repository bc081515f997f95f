package org.llmbench.suite;

import org.llmbench.LlmbenchException;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The benchmarks compiled into this jar, as JMH's annotation processor listed them
 * (META-INF/BenchmarkList): names, @Param defaults, modes, iterations, forks and fork JVM options.
 */
final class BenchmarkCatalog {
    private final List<BenchmarkListEntry> entries;

    BenchmarkCatalog(List<BenchmarkListEntry> entries) {
        this.entries = entries.stream().sorted(java.util.Comparator.comparing(BenchmarkListEntry::getUsername)).toList(); // as JMH lists them
    }

    static BenchmarkCatalog ofJar() {
        try (InputStream in = BenchmarkList.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            if (in == null) throw new IllegalStateException(BenchmarkList.BENCHMARK_LIST + " is missing: the benchmarks were not compiled in");
            return new BenchmarkCatalog(BenchmarkList.readBenchmarkList(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<BenchmarkListEntry> all() {
        return entries;
    }

    /** The benchmarks any pattern finds (JMH's rule: a regular expression found in the full name); all for none. */
    List<BenchmarkListEntry> matching(List<String> patterns, String where) {
        if (patterns.isEmpty()) return entries;
        for (String p : patterns) {
            if (entries.stream().noneMatch(e -> finds(p, e, where))) {
                throw new LlmbenchException(where + ": benchmark '" + p + "' matches no benchmark; they are "
                        + String.join(", ", entries.stream().map(e -> shortName(e.getUsername())).toList()) + ".");
            }
        }
        return entries.stream().filter(e -> patterns.stream().anyMatch(p -> finds(p, e, where))).toList();
    }

    static boolean finds(String pattern, BenchmarkListEntry e, String where) {
        try {
            return Pattern.compile(pattern).matcher(e.getUsername()).find();
        } catch (PatternSyntaxException bad) {
            throw new LlmbenchException(where + ": benchmark pattern '" + pattern + "' is not a valid regular expression: " + bad.getDescription() + ".");
        }
    }

    static String shortName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
    }
}
