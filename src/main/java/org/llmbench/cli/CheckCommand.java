package org.llmbench.cli;

import org.llmbench.report.RegressionCheck;
import org.llmbench.report.ResultSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Gate CI: compare a candidate run with a baseline. Exit 1 when a configuration got worse than the threshold AND significantly so (bootstrap 95%% CI of the median ratio over forks); "
                + "0 when fine; 2 on bad input; 3 when nothing could be assessed (e.g. results of one fork each: run with -f 2 or more).")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--baseline", required = true, paramLabel = "BASE", description = "Baseline JMH JSON file or session folder.")
    Path baseline;

    @Option(names = "--candidate", required = true, paramLabel = "NEW", description = "Candidate JMH JSON file or session folder.")
    Path candidate;

    @Option(names = "--max-regression", defaultValue = "5%", paramLabel = "PCT",
            description = "Largest tolerated slowdown (default: ${DEFAULT-VALUE}).")
    String maxRegression;

    @Override
    public Integer call() {
        double threshold = RegressionCheck.parseThreshold(maxRegression);
        ResultSet base = ResultSet.load(List.of(baseline)), cand = ResultSet.load(List.of(candidate));
        base.notes.forEach(n -> System.err.println("llmbench: " + n));
        cand.notes.forEach(n -> System.err.println("llmbench: " + n));
        RegressionCheck.Outcome outcome = RegressionCheck.run(base.results, cand.results, threshold);
        System.out.print(outcome.text());
        return outcome.exitCode();
    }
}
