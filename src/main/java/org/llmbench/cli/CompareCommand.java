package org.llmbench.cli;

import org.llmbench.report.CompareTable;
import org.llmbench.report.Comparison;
import org.llmbench.report.ResultSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two runs side by side: per configuration the ratio B/A and whether the difference is significant.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "JMH JSON file or session folder (the reference).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "JMH JSON file or session folder (the one compared).")
    Path b;

    @Override
    public Integer call() {
        ResultSet sa = ResultSet.load(List.of(a)), sb = ResultSet.load(List.of(b));
        sa.notes.forEach(n -> System.err.println("llmbench: " + n));
        sb.notes.forEach(n -> System.err.println("llmbench: " + n));
        System.out.print(CompareTable.render(Comparison.of(sa.results, sb.results), a.toString(), b.toString()));
        return 0;
    }
}
