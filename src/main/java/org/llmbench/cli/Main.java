package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The jar's entry point. A known subcommand as the first argument runs ours; anything else
 * goes to JMH unchanged (after our checks of -p values), so every JMH option works as usual.
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
            Map.entry("conversation", ConversationCommand::new),
            Map.entry("report", ReportCommand::new), Map.entry("compare", CompareCommand::new), Map.entry("check", CheckCommand::new),
            Map.entry("ab", AbCommand::new), Map.entry("calibrate", CalibrateCommand::new),
            Map.entry("monitor", MonitorCommand::new),
            Map.entry("suite", SuiteCommand::new)));

    /** Subcommands that run the engine in this JVM, and so need the Vector API module. */
    static final Set<String> NEEDS_VECTOR_API = Set.of("generate", "quality", "sysinfo", "serve");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        try {
            if (args.length > 0 && COMMANDS.containsKey(args[0])) {
                if (NEEDS_VECTOR_API.contains(args[0]) && !VectorModule.present()) {
                    return VectorModule.relaunch(args);
                }
                String[] rest = Arrays.stream(args, 1, args.length).filter(a -> !a.equals("--verbose")).toArray(String[]::new);
                return runCommand(COMMANDS.get(args[0]).get(), rest);
            }
            if (args.length > 0 && (args[0].equals("help") || args[0].equals("--commands"))) {
                System.out.println("llmbench subcommands: " + String.join(", ", COMMANDS.keySet())
                        + "\nAnything else is passed to JMH (try -h, -l, -lp).");
                return 0;
            }
            return JmhLauncher.run(args);
        } catch (LlmbenchException e) {
            System.err.println("llmbench: " + e.getMessage());
            if (verbose) e.printStackTrace();
            return 2;
        }
    }

    static int runCommand(Object command, String[] args) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler((ex, given) -> { // one line naming the bad option, not the whole usage
            ex.getCommandLine().getErr().println("llmbench: " + ex.getMessage().lines().findFirst().orElse("bad option")
                    + " (see " + ex.getCommandLine().getCommandName() + " --help).");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof LlmbenchException) {
                cmd.getErr().println("llmbench: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
