package org.llmbench.cli;

import org.llmbench.report.RegressionCheck;
import org.llmbench.report.ResultSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "SLOWER (exit 1) when the bootstrap 95%% CI of a configuration's median ratio lies wholly beyond the threshold; AMBIGUOUS (exit 4) when it straddles it; NOT ASSESSED (exit 3) when nothing had 2+ forks a side; SAME/FASTER exit 0; 2 on bad input. For runs made at different times prefer ab (paired, interleaved).")
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
