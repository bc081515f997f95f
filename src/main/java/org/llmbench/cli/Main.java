package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.results.BuildInfo;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The jar's entry point. A known subcommand as the first argument runs ours; anything else
 * goes to JMH (after our checks), so every JMH option works as usual.
 * Exit codes: 0 ok, 1 a measured failure (or regression), 2 bad input, 3 not assessed, 4 ambiguous (check, ab).
 */
public final class Main {
    /** Our subcommands, by name. */
    static final Map<String, Supplier<Object>> COMMANDS = new TreeMap<>(Map.ofEntries( // Map.of stops at ten
            Map.entry("models", ModelsCommand::new),
            Map.entry("generate", GenerateCommand::new),
            Map.entry("serve", ServeCommand::new),
            Map.entry("sysinfo", SysinfoCommand::new),
            Map.entry("quality", QualityCommand::new),
            Map.entry("endpoint", EndpointCommand::new),
            Map.entry("report", ReportCommand::new), Map.entry("compare", CompareCommand::new), Map.entry("check", CheckCommand::new),
            Map.entry("ab", AbCommand::new), Map.entry("calibrate", CalibrateCommand::new),
            Map.entry("monitor", MonitorCommand::new),
            Map.entry("suite", SuiteCommand::new)));

    /** Subcommands that run the engine in this JVM, and so need the Vector API module. */
    static final Set<String> NEEDS_VECTOR_API = Set.of("generate", "quality", "sysinfo", "serve");

    private static final Set<String> HELP = Set.of("-h", "--help", "-help", "help");
    private static final Set<String> VERSION = Set.of("-V", "--version", "version");
    /** Options that make a subcommand print and exit: no need to start the Vector API JVM for them. */
    private static final Set<String> PRINT_ONLY = Set.of("-h", "--help", "-V", "--version");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        try {
            if (args.length > 0 && COMMANDS.containsKey(args[0])) {
                boolean printOnly = Arrays.stream(args).anyMatch(PRINT_ONLY::contains);
                if (NEEDS_VECTOR_API.contains(args[0]) && !printOnly && !VectorModule.present()) {
                    return VectorModule.relaunch(args);
                }
                String[] rest = Arrays.stream(args, 1, args.length).filter(a -> !a.equals("--verbose")).toArray(String[]::new);
                return runCommand(COMMANDS.get(args[0]).get(), rest);
            }
            if (args.length > 0 && HELP.contains(args[0])) {
                if (args.length > 1 && args[1].equals("jmh")) return JmhLauncher.run(new String[]{"-h"});
                System.out.print(usage());
                return 0;
            }
            if (args.length == 1 && VERSION.contains(args[0])) {
                System.out.println("llmbench " + BuildInfo.current().describe());
                return 0;
            }
            return JmhLauncher.run(args);
        } catch (LlmbenchException e) {
            System.err.println("llmbench: " + e.getMessage());
            if (verbose) e.printStackTrace();
            return 2;
        }
    }

    /** Our subcommands first, each with its one-line description, then where JMH's options are. */
    static String usage() {
        StringBuilder s = new StringBuilder("""
                Usage: java -jar target/benchmarks.jar [JMH options] [BENCHMARK regexp...]
                       java -jar target/benchmarks.jar COMMAND [options]    (COMMAND --help for its options)

                Without a command, runs the JMH benchmarks (all of them: the quick suite) and writes
                results/<timestamp>/ with jmh.json, env.json and a report.

                Commands:
                """);
        COMMANDS.forEach((name, make) -> {
            String[] d = new CommandLine(make.get()).getCommandSpec().usageMessage().description();
            s.append(String.format(java.util.Locale.ROOT, "  %-9s %s%n", name, d.length == 0 ? "" : firstSentence(d[0])));
        });
        s.append("""

                Common JMH options: -l (list benchmarks), -lp (with parameters), -p name=v1,v2 (parameters),
                  -f forks, -wi/-i warmup/measurement iterations, -w/-r their time, -prof llm (telemetry),
                  -rf json -rff FILE (own result file). Every JMH option: java -jar target/benchmarks.jar help jmh
                Exit codes: 0 ok, 1 measured failure or regression, 2 bad input, 3 not assessed, 4 ambiguous (check, ab).
                --version prints the version and git commit of this build.
                """);
        return s.toString();
    }

    private static String firstSentence(String text) {
        String t = text.replace("%%", "%");
        int dot = t.indexOf(". ");
        return dot > 0 ? t.substring(0, dot + 1) : t;
    }

    static int runCommand(Object command, String[] args) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler((ex, given) -> { // one line naming the bad option, not the whole usage
            ex.getCommandLine().getErr().println("llmbench: " + ex.getMessage().lines().findFirst().orElse("bad option")
                    + " (see " + ex.getCommandLine().getCommandName() + " --help).");
            return 2;
        });
        String version = "llmbench " + BuildInfo.current().describe();
        cl.getCommandSpec().version(version);
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().version(version));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof LlmbenchException) {
                cmd.getErr().println("llmbench: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, rest) -> { // one line and where the help is, not the whole usage
            ex.getCommandLine().getErr().println("llmbench: " + ex.getMessage() + " (see " + ex.getCommandLine().getCommandName() + " --help)");
            return 2;
        });
        return cl.execute(args);
    }
}
