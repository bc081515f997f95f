package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.suite.RunOrder;
import org.llmbench.suite.Suite;
import org.llmbench.suite.SuiteFile;
import org.llmbench.suite.SuitePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

@Command(name = "suite", mixinStandardHelpOptions = true,
        description = "Run a named suite of benchmarks (--preset quick|standard|comprehensive) or your own (--file SUITE.yaml): "
                + "prints the plan (configurations, skipped ones and why, estimated time), then runs each configuration "
                + "as its own JMH run into one results/<timestamp>/ session. Other options are passed to JMH (e.g. -f 1 -prof llm).")
final class SuiteCommand implements Callable<Integer> {
    @Option(names = "--preset", paramLabel = "NAME", description = "A suite shipped in the jar: quick, standard or comprehensive.")
    String preset;

    @Option(names = "--file", paramLabel = "SUITE.yaml", description = "A suite file of your own (docs/SUITES.md).")
    Path file;

    @Option(names = "--dry-run", description = "Print the plan and stop.")
    boolean dryRun;

    @Option(names = "--list", description = "With the plan, list every configuration in run order with its JMH arguments.")
    boolean list;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "shuffled",
            description = "as-given or shuffled (default: ${DEFAULT-VALUE}; the seed goes to env.json and the report).")
    String order;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the shuffled order (default: a new one each time, printed).")
    Long seed;

    @Unmatched
    List<String> jmhOptions = new ArrayList<>();

    @Override
    public Integer call() {
        if ((preset == null) == (file == null)) {
            throw new LlmbenchException("Give one of --preset NAME (" + String.join(", ", SuiteFile.presetNames()) + ") or --file SUITE.yaml.");
        }
        Suite suite = preset != null ? SuiteFile.preset(preset) : SuiteFile.file(file);
        RunOrder runOrder = RunOrder.parse(order);
        long s = seed != null ? seed : new SecureRandom().nextLong(1, 1_000_000_000L);
        SuitePlan plan = SuitePlan.of(suite, jmhOptions, runOrder, s);
        checkParams(plan);
        plan.describe(list).forEach(System.out::println);
        if (dryRun) return 0;
        if (plan.toRun().isEmpty()) {
            System.err.println("llmbench: nothing to run: every configuration of " + suite.name() + " is skipped on this machine.");
            return 1;
        }
        return JmhLauncher.run(jmhOptions, args -> SuiteRunner.runAll(plan, args), environment(plan));
    }

    /**
     * Bad -p values fail before anything runs, with the same sentences as a plain JMH run. Each
     * configuration is checked on its own: the union of all of them would pair, say, Matmul's
     * torch backend with an engine benchmark's bf16, a combination no configuration runs.
     */
    private static void checkParams(SuitePlan plan) {
        plan.all().stream().map(p -> p.configuration().params()).distinct().forEach(params -> {
            List<String> assignments = new ArrayList<>();
            params.forEach((name, value) -> assignments.addAll(List.of("-p", name + "=" + value)));
            ParamCheck.check(assignments);
        });
    }

    private Map<String, Object> environment(SuitePlan plan) {
        Map<String, Object> suite = new LinkedHashMap<>();
        suite.put("name", plan.suite().name());
        suite.put("from", preset != null ? "preset " + preset : "file " + file.toAbsolutePath().normalize());
        suite.put("order", plan.order().id());
        if (plan.order() == RunOrder.SHUFFLED) suite.put("seed", plan.seed());
        suite.put("configurations", plan.toRun().size());
        suite.put("skipped", plan.skipped().size());
        suite.put("plan", "suite-plan.txt");
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("suite", suite);
        List<String> models = plan.toRun().stream().map(c -> c.params().get("model")).filter(Objects::nonNull).distinct().toList();
        List<String> modelArgs = new ArrayList<>();
        models.forEach(m -> modelArgs.addAll(List.of("-p", "model=" + m)));
        env.put("weights", models.isEmpty() ? Map.of() : EnvironmentFile.weightOrigins(modelArgs));
        return env;
    }
}
