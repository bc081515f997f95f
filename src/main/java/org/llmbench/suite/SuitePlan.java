package org.llmbench.suite;

import org.llmbench.LlmbenchException;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A suite expanded for this machine: every configuration (benchmark x parameter values) with its
 * exact JMH arguments, the ones skipped and why, the order to run them in and an estimated wall
 * time. Nothing runs here; the CLI prints the plan and then runs {@link #toRun()} one JMH run each.
 */
public final class SuitePlan {
    /** A configuration, why it is skipped (null when it runs) and its estimated seconds. */
    public record Planned(Configuration configuration, String skipped, double seconds) {
    }

    static final int SKIPPED_SHOWN = 12;

    private final Suite suite;
    private final List<Planned> all;
    private final List<Configuration> toRun;
    private final RunOrder order;
    private final long seed;

    private SuitePlan(Suite suite, List<Planned> all, RunOrder order, long seed) {
        this.suite = suite;
        this.all = all;
        this.order = order;
        this.seed = seed;
        List<Configuration> run = new ArrayList<>(all.stream().filter(p -> p.skipped() == null).map(Planned::configuration).toList());
        if (order == RunOrder.SHUFFLED) Collections.shuffle(run, new Random(seed)); // java.util.Random: the same order for a seed on every JVM
        this.toRun = List.copyOf(run);
    }

    /** Expands the suite on this machine; {@code extra} are the user's JMH options (they win over the suite's). */
    public static SuitePlan of(Suite suite, List<String> extra, RunOrder order, long seed) {
        return of(suite, extra, order, seed, BenchmarkCatalog.ofJar(), HostLimits.probe());
    }

    static SuitePlan of(Suite suite, List<String> extra, RunOrder order, long seed, BenchmarkCatalog catalog, HostLimits host) {
        JmhOptions user = JmhOptions.parse(extra, "the extra JMH options");
        Map<List<String>, CommandLineOptions> parsed = new HashMap<>();
        List<Planned> planned = new ArrayList<>();
        for (int r = 0; r < suite.runs().size(); r++) {
            SuiteRun run = suite.runs().get(r);
            String where = suite.origin() + ", run " + (r + 1);
            JmhOptions runOptions = JmhOptions.parse(run.jmh(), where + ": 'jmh'");
            if (!runOptions.includes.isEmpty() || !runOptions.params.isEmpty() || !runOptions.excludes.isEmpty()) {
                throw new LlmbenchException(where + ": 'jmh' holds options only; put benchmarks under 'benchmarks' and -p values under 'params'.");
            }
            List<String> options = JmhOptions.merge(runOptions, user);
            List<BenchmarkListEntry> selected = catalog.matching(run.benchmarks(), where);
            requireKnownParams(run, selected, where);
            List<BenchmarkListEntry> benchmarks = selected.stream() // the user's include and -e patterns narrow every run
                    .filter(e -> user.includes.isEmpty() || user.includes.stream().anyMatch(p -> BenchmarkCatalog.finds(p, e, "the extra JMH options")))
                    .filter(e -> user.excludes.stream().noneMatch(p -> BenchmarkCatalog.finds(p, e, "the extra JMH options")))
                    .toList();
            for (BenchmarkListEntry e : benchmarks) {
                for (Map<String, String> params : combinations(e, run.params(), user.params)) {
                    Configuration c = new Configuration(e.getUsername(), params, options);
                    CommandLineOptions jmh = parsed.computeIfAbsent(options, o -> jmhOptions(o, where));
                    long heap = host.heapBytes(forkJvmArgs(e, jmh));
                    planned.add(new Planned(c, Feasibility.skipReason(params, heap, host), WallTime.seconds(e, jmh, params)));
                }
            }
        }
        if (planned.isEmpty()) throw new LlmbenchException(suite.origin() + " selects no benchmark; check its benchmarks and the include patterns given.");
        return new SuitePlan(suite, List.copyOf(planned), order, seed);
    }

    private static void requireKnownParams(SuiteRun run, List<BenchmarkListEntry> benchmarks, String where) {
        for (String name : run.params().keySet()) {
            if (benchmarks.stream().noneMatch(e -> declared(e).containsKey(name))) {
                throw new LlmbenchException(where + ": param '" + name + "' belongs to none of its benchmarks ("
                        + String.join(", ", benchmarks.stream().map(e -> BenchmarkCatalog.shortName(e.getUsername())
                        + " has " + String.join(", ", declared(e).keySet())).toList()) + ").");
            }
        }
    }

    /** Every combination of the benchmark's parameters: the user's -p values, else the run's, else the @Param defaults. */
    private static List<Map<String, String>> combinations(BenchmarkListEntry e, Map<String, List<String>> run, Map<String, List<String>> user) {
        List<Map<String, String>> out = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (Map.Entry<String, List<String>> param : declared(e).entrySet()) {
            String name = param.getKey();
            List<String> values = user.containsKey(name) ? user.get(name) : run.getOrDefault(name, param.getValue());
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : values) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(name, v.trim());
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    private static Map<String, List<String>> declared(BenchmarkListEntry e) {
        Map<String, List<String>> m = new TreeMap<>(); // JMH's order of parameters: by name
        e.getParams().orElse(Map.of()).forEach((k, v) -> m.put(k, Arrays.asList(v)));
        return m;
    }

    private static CommandLineOptions jmhOptions(List<String> options, String where) {
        try {
            return new CommandLineOptions(options.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new LlmbenchException(where + ": JMH does not accept " + String.join(" ", options) + ": " + e.getMessage());
        }
    }

    /** The fork's JVM options: the command line's where given (JMH replaces the annotation's then), else @Fork's. */
    private static List<String> forkJvmArgs(BenchmarkListEntry e, CommandLineOptions o) {
        List<String> args = new ArrayList<>();
        args.addAll(o.getJvmArgs().orElse(e.getJvmArgs().orElse(List.of())));
        args.addAll(o.getJvmArgsPrepend().orElse(e.getJvmArgsPrepend().orElse(List.of())));
        Collection<String> append = o.getJvmArgsAppend().orElse(null);
        if (append != null) {
            args.addAll(append.stream().flatMap(a -> Arrays.stream(a.trim().split("\\s+"))).toList());
            // as VectorModule.keepInForks does to a user's -jvmArgsAppend before JMH sees it
            if (args.stream().noneMatch(a -> a.startsWith("-Xmx") || a.contains("MaxRAM"))) args.add("-XX:MaxRAMPercentage=75");
        } else {
            args.addAll(e.getJvmArgsAppend().orElse(List.of()));
        }
        return args;
    }

    public Suite suite() {
        return suite;
    }

    public List<Planned> all() {
        return all;
    }

    /** The configurations that run, in the order they run. */
    public List<Configuration> toRun() {
        return toRun;
    }

    public List<Planned> skipped() {
        return all.stream().filter(p -> p.skipped() != null).toList();
    }

    public RunOrder order() {
        return order;
    }

    public long seed() {
        return seed;
    }

    public double estimatedSeconds() {
        return all.stream().filter(p -> p.skipped() == null).mapToDouble(Planned::seconds).sum();
    }

    /** The plan as printed before a suite starts (and by --dry-run); {@code everyConfiguration} lists each one with its JMH arguments. */
    public List<String> describe(boolean everyConfiguration) {
        List<String> lines = new ArrayList<>();
        lines.add("Suite " + suite.name() + (suite.description().isEmpty() ? "" : ": " + suite.description().replaceAll("\\s+", " ")));
        lines.add("  " + toRun.size() + " configuration(s) to run, " + skipped().size() + " skipped, of " + all.size() + ".");
        lines.add("  Order: " + (order == RunOrder.SHUFFLED ? "shuffled with seed " + seed + " (--seed " + seed + " repeats it)" : "as given")
                + ", one JMH run per configuration.");
        lines.add("  Estimated wall time: " + duration(estimatedSeconds()) + " (JMH's forks and iterations, ~" + WallTime.FORK_START_SECONDS
                + " s to start each fork, and rough times for generating weights and for operations longer than an iteration).");
        List<Planned> skipped = skipped();
        if (!skipped.isEmpty()) {
            lines.add("  Skipped:");
            int shown = everyConfiguration ? skipped.size() : Math.min(skipped.size(), SKIPPED_SHOWN);
            skipped.subList(0, shown).forEach(p -> lines.add("    " + p.configuration().label() + ": " + p.skipped()));
            if (shown < skipped.size()) lines.add("    ... and " + (skipped.size() - shown) + " more (--dry-run --list shows every one).");
        }
        if (everyConfiguration) {
            lines.add("  Configurations in run order (JMH arguments):");
            for (int i = 0; i < toRun.size(); i++) lines.add(String.format(Locale.ROOT, "    %4d  %s", i + 1, String.join(" ", toRun.get(i).jmhArgs())));
        }
        return lines;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        long m = Math.round(seconds / 60);
        return m < 60 ? m + " min" : String.format(Locale.ROOT, "%d h %02d min", m / 60, m % 60);
    }
}
