package org.llmbench.cli;

import org.llmbench.io.ResultsFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import java.util.Set;

/**
 * Hands the arguments to JMH. When the user names no result file, results go to a new
 * session folder results/&lt;timestamp&gt;/ (never an existing one), written under a temporary
 * name and moved into place when JMH finishes, next to env.json describing the machine.
 */
final class JmhLauncher {
    private static final Set<String> LISTING = Set.of("-l", "-lp", "-lprof", "-lrf", "-h", "-help", "--help", "-v");

    private JmhLauncher() {
    }

    static int run(String[] argv) {
        return run(List.of(argv), JmhLauncher::runJmh, Map.of());
    }

    /**
     * With the JMH step given (a suite runs one JMH run per configuration into the session's result file)
     * and entries to add to env.json.
     */
    static int run(List<String> argv, ToIntFunction<List<String>> jmh, Map<String, Object> env) {
        List<String> args = prepare(argv);
        if (args.stream().anyMatch(LISTING::contains) || args.contains("-rff")) {
            return delegate(args);
        }
        String format = "json";
        int rf = args.indexOf("-rf");
        if (rf >= 0 && rf + 1 < args.size()) {
            format = args.get(rf + 1).toLowerCase(java.util.Locale.ROOT);
        } else {
            args.addAll(List.of("-rf", format));
        }
        Path session = ResultsFolder.newSession(Path.of("results"));
        Path partial = session.resolve("jmh." + format + ".partial");
        Path result = session.resolve("jmh." + format);
        args.addAll(List.of("-rff", partial.toString()));
        EnvironmentFile.write(session.resolve("env.json"), args, env);
        int code = jmh.applyAsInt(args);
        try {
            if (!Files.exists(partial)) { // nothing ran: leave no half-empty session behind
                Files.deleteIfExists(session.resolve("env.json"));
                Files.deleteIfExists(session);
            } else {
                Files.move(partial, result, StandardCopyOption.ATOMIC_MOVE);
                System.out.println("llmbench: results in " + result);
                if (format.equals("json")) QualityHook.afterRun(result); // before the report, which may show it
                if (format.equals("json")) ReportCommand.reportSession(session);
            }
        } catch (IOException e) {
            System.err.println("llmbench: could not move " + partial + " to " + result + ": " + e.getMessage());
            return 1;
        }
        return code;
    }

    /** Our checks and rewrites of a JMH command line: -prof llm, -p values, the forks' module flag. */
    static List<String> prepare(List<String> argv) {
        List<String> args = org.llmbench.profiler.ProfilerAlias.rewrite(argv); // -prof llm -> class name
        ParamCheck.check(args);
        VectorModule.keepInForks(args);
        return args;
    }

    /** Runs JMH like its Main does, but reports a failed start in one line instead of exiting the JVM. */
    static int runJmh(List<String> args) {
        try {
            new Runner(new CommandLineOptions(args.toArray(String[]::new))).run();
            return 0;
        } catch (CommandLineOptionException e) {
            System.err.println("llmbench: " + e.getMessage());
            return 2;
        } catch (RunnerException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().replace("ERROR: ", "");
            System.err.println("llmbench: JMH did not run: " + why.lines().findFirst().orElse(why));
            return 1;
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
