package org.llmbench.cli;

import org.llmbench.io.ResultsFolder;
import org.llmbench.LlmbenchException;
import org.llmbench.profiler.LlmProfiler;
import org.llmbench.profiler.LlmProfilerOptions;
import org.llmbench.profiler.ProfilerAlias;
import org.llmbench.results.BenchmarkKind;
import org.llmbench.results.FailedConfiguration;
import org.llmbench.results.SessionFiles;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.ProfilersFailedException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.util.UnCloseablePrintStream;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.Set;

/**
 * Runs JMH with the user's arguments, after checking in this JVM what can be known before any
 * benchmark JVM starts (exit 2 with one sentence). When the user names no result file, results go
 * to a new session folder results/&lt;timestamp&gt;/ ({@link RunFolder}) with env.json, the
 * configurations' records, failures.json and the report. Exit 1 when no configuration produced
 * a result.
 */
final class JmhLauncher {
    private static final Set<String> LISTING = Set.of("-l", "-lp", "-lprof", "-lrf", "-h");
    /** Where session folders are created (tests point it elsewhere). */
    static Path resultsRoot = Path.of("results");

    private JmhLauncher() {
    }

    static int run(String[] argv) {
        List<String> args = ProfilerAlias.rewrite(List.of(argv)); // -prof llm -> class name
        if (args.stream().anyMatch(LISTING::contains)) return delegate(args);
        if (profilerHelpAsked(args)) {
            System.out.println(LlmProfilerOptions.HELP);
            return 0;
        }
        List<String> paramNames = ParamCheck.check(args);
        VectorModule.keepInForks(args);
        RunPlan plan = RunPlan.of(parse(args), paramNames);
        if (plan.configurations.isEmpty()) {
            throw new LlmbenchException("No benchmark matches " + String.join(" ", parse(args).getIncludes())
                    + "; list the benchmarks with -l.");
        }
        plan.check();
        if (args.contains("-rff")) return runJmh(args, null, null);
        String format = "json";
        int rf = args.indexOf("-rf");
        if (rf >= 0 && rf + 1 < args.size()) format = args.get(rf + 1).toLowerCase(Locale.ROOT);
        else args.addAll(List.of("-rf", format));
        RunFolder folder = RunFolder.create(resultsRoot, format);
        args.addAll(List.of("-rff", folder.partial.toString()));
        forksWriteInto(args, folder.dir);
        boolean roofline = plan.configurations.stream().anyMatch(c -> c.kind() == BenchmarkKind.KERNEL || c.kind() == BenchmarkKind.MATMUL);
        EnvironmentFile.write(folder.dir.resolve(SessionFiles.ENV), args.stream().map(a -> a.equals(folder.partial.toString()) ? folder.result.toString() : a).toList(),
                roofline ? EnvironmentFile.measureRoofline() : null, EnvironmentFile.autoQuants(plan.configurations));
        System.setProperty(SessionFiles.SESSION_PROPERTY, folder.dir.toString()); // for -f 0, where benchmarks run in this JVM
        try {
            return runJmh(args, folder, null);
        } finally {
            System.clearProperty(SessionFiles.SESSION_PROPERTY);
        }
    }

    /**
     * A session whose JMH step is given (a suite runs one JMH run per configuration into the session's
     * result file) with entries to add to env.json: the session folder, env.json, the results moved
     * into place, the quality record and the report, as for a plain run.
     */
    static int run(List<String> argv, ToIntFunction<List<String>> jmh, Map<String, Object> env) {
        List<String> args = prepare(argv);
        args.addAll(List.of("-rf", "json"));
        RunFolder folder = RunFolder.create(resultsRoot, "json");
        args.addAll(List.of("-rff", folder.partial.toString()));
        EnvironmentFile.write(folder.dir.resolve(SessionFiles.ENV), args.stream()
                .map(a -> a.equals(folder.partial.toString()) ? folder.result.toString() : a).toList(), null, env);
        System.setProperty(SessionFiles.SESSION_PROPERTY, folder.dir.toString()); // for -f 0, as in a plain run
        int code;
        try {
            code = jmh.applyAsInt(args);
        } finally {
            System.clearProperty(SessionFiles.SESSION_PROPERTY);
        }
        try {
            if (!folder.finish()) {
                folder.discard();
                return code;
            }
        } catch (IOException e) {
            System.err.println("llmbench: could not move " + folder.partial + " to " + folder.result + ": " + e.getMessage());
            return 1;
        }
        System.out.println("llmbench: results in " + folder.result);
        QualityHook.afterRun(folder.result);
        ReportCommand.reportSession(folder.dir);
        return code;
    }

    /** Our checks and rewrites of one JMH command line: -prof llm (and its options), -p values, the forks' module flag. */
    static List<String> prepare(List<String> argv) {
        List<String> args = ProfilerAlias.rewrite(argv);
        profilerHelpAsked(args); // a bad option fails here with its sentence
        ParamCheck.check(args);
        VectorModule.keepInForks(args);
        return args;
    }

    /**
     * One JMH run with our console (its own result file given by -rff), its failed configurations
     * added to {@code failed}; exit 1 when no configuration produced a result.
     */
    static int runJmh(List<String> args, List<FailedConfiguration> failed) {
        return runJmh(args, null, failed);
    }

    /** Benchmark JVMs learn their session folder from a system property (prepended: the benchmarks' own JVM args stay). */
    static void forksWriteInto(List<String> args, Path session) {
        String property = "-D" + SessionFiles.SESSION_PROPERTY + "=" + session;
        int i = args.indexOf("-jvmArgsPrepend");
        if (i >= 0 && i + 1 < args.size()) args.set(i + 1, property + " " + args.get(i + 1));
        else args.addAll(List.of("-jvmArgsPrepend", property));
    }

    /** JMH's parser, its errors as our one sentence. */
    private static CommandLineOptions parse(List<String> args) {
        try {
            return new CommandLineOptions(args.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new LlmbenchException(e.getMessage());
        }
    }

    /** {@code -prof llm:help}: the help; a bad -prof llm option: its sentence (JMH would keep only "Profilers failed to initialize"). */
    private static boolean profilerHelpAsked(List<String> args) {
        for (int i = 0; i + 1 < args.size(); i++) {
            String v = args.get(i + 1);
            if (!args.get(i).equals("-prof") || !v.startsWith(LlmProfiler.class.getName())) continue;
            String opts = v.length() > LlmProfiler.class.getName().length() ? v.substring(LlmProfiler.class.getName().length() + 1) : "";
            for (String o : opts.split(";")) {
                if (o.trim().equals("help")) return true;
            }
            try {
                LlmProfilerOptions.parse(opts);
            } catch (ProfilerException e) {
                throw new LlmbenchException(e.getMessage());
            }
        }
        return false;
    }

    private static int runJmh(List<String> args, RunFolder folder, List<FailedConfiguration> failedSink) {
        CommandLineOptions options = parse(args);
        PrintStream console = console(options);
        ConsoleFormat out = new ConsoleFormat(OutputFormatFactory.createFormatInstance(console,
                options.verbosity().orElse(Defaults.VERBOSITY)), console, folder == null ? null : folder.partial.toString());
        int code;
        try {
            new Runner(options, out).run();
            code = 0;
        } catch (ProfilersFailedException e) {
            throw new LlmbenchException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        } catch (NoBenchmarksException e) {
            throw new LlmbenchException("No benchmark matches " + String.join(" ", options.getIncludes()) + "; list the benchmarks with -l.");
        } catch (RunnerException e) {
            List<FailedConfiguration> failed = out.failures();
            if (!failed.isEmpty()) { // -foe true: JMH stops at the first failure, whose reason we have
                System.err.println("llmbench: stopped at the first failed configuration (-foe true): " + failed.get(0).label() + ": " + failed.get(0).reason());
                out.close();
                return finish(out, folder, 1, failedSink);
            }
            String why = e.getMessage() == null ? "" : e.getMessage().replace("ERROR: ", "");
            Throwable cause = e.getCause();
            System.err.println("llmbench: JMH stopped: " + why.lines().findFirst().orElse(why)
                    + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage().lines().findFirst().orElse("") + ")" : ""));
            code = 1;
        } finally {
            out.close();
        }
        return finish(out, folder, code, failedSink);
    }

    /** After JMH: results into place, what failed and why, then the quality record and the report. */
    private static int finish(ConsoleFormat out, RunFolder folder, int code, List<FailedConfiguration> failedSink) {
        Collection<RunResult> results = out.results();
        List<FailedConfiguration> failures = out.failures();
        if (failedSink != null) failedSink.addAll(failures);
        boolean wrote;
        if (folder != null) {
            try {
                wrote = folder.finish();
            } catch (IOException e) {
                System.err.println("llmbench: could not move " + folder.partial + " to " + folder.result + ": " + e.getMessage());
                return 1;
            }
            if (!wrote && out.startedCount() == 0) {
                folder.discard();
                return code;
            }
            folder.writeFailures(failures);
            if (wrote) System.out.println("llmbench: results in " + folder.result);
        }
        if (!failures.isEmpty()) {
            System.out.println("llmbench: " + failures.size() + " of " + out.startedCount() + " configurations failed or were skipped:");
            failures.forEach(f -> System.out.println("  " + f.label() + ": " + f.reason()));
        }
        if (results.isEmpty() && out.startedCount() > 0) {
            System.err.println("llmbench: no configuration produced a result (" + out.startedCount() + " failed).");
            return 1;
        }
        if (folder != null && folder.result.getFileName().toString().endsWith(".json") && Files.exists(folder.result)) {
            QualityHook.afterRun(folder.result); // before the report, which shows it
            ReportCommand.reportSession(folder.dir);
        }
        return code;
    }

    /** Where JMH's human-readable output goes: -o FILE, else the console (which JMH must not close). */
    private static PrintStream console(CommandLineOptions options) {
        if (options.getOutput().hasValue()) {
            try {
                return new PrintStream(options.getOutput().get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new LlmbenchException("Cannot write -o " + options.getOutput().get() + ": " + e.getMessage());
            }
        }
        try {
            return new UnCloseablePrintStream(System.out, StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static int delegate(List<String> args) {
        try {
            org.openjdk.jmh.Main.main(args.toArray(String[]::new));
            return 0;
        } catch (IOException e) {
            System.err.println("llmbench: JMH failed: " + e.getMessage());
            return 1;
        }
    }
}
