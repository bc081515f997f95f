package org.llmbench.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import org.llmbench.LlmbenchException;
import org.llmbench.io.AtomicFiles;
import org.llmbench.results.FailedConfiguration;
import org.llmbench.results.SessionFiles;
import org.llmbench.suite.Configuration;
import org.llmbench.suite.SuitePlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a suite's configurations, one JMH run each in the plan's order, and merges their results
 * into the one result file the session expects; so the session folder, env.json, the
 * configurations' records, failures.json (skipped and failed ones), quality.json and the report
 * work as for a plain run. The plan goes next to them as suite-plan.txt.
 */
final class SuiteRunner {
    private SuiteRunner() {
    }

    /** @param sessionArgs the launcher's JMH arguments, which name the session's result file after -rff */
    static int runAll(SuitePlan plan, List<String> sessionArgs) {
        Path result = Path.of(sessionArgs.get(sessionArgs.indexOf("-rff") + 1));
        Path session = result.toAbsolutePath().getParent();
        JsonArray merged = new JsonArray();
        int code = 0;
        List<FailedConfiguration> failures = new ArrayList<>(plan.skipped().stream()
                .map(p -> new FailedConfiguration(p.configuration().benchmark(), p.configuration().params(), "skipped: " + p.skipped()))
                .toList());
        List<Configuration> configurations = plan.toRun();
        for (int i = 0; i < configurations.size(); i++) {
            Configuration c = configurations.get(i);
            System.out.println("llmbench: configuration " + (i + 1) + "/" + configurations.size() + ": " + c.label());
            Path part = session.resolve(String.format(Locale.ROOT, "jmh-%05d.json.partial", i + 1));
            List<String> args = new ArrayList<>(JmhLauncher.prepare(c.jmhArgs()));
            args.addAll(List.of("-rf", "json", "-rff", part.toString()));
            JmhLauncher.forksWriteInto(args, session); // each configuration's record (weight and KV bytes, shape) goes to the session
            code = Math.max(code, JmhLauncher.runJmh(args, failures));
            if (Files.exists(part)) {
                try {
                    merged.addAll(JsonParser.parseString(Files.readString(part)).getAsJsonArray());
                    Files.delete(part);
                } catch (IOException | RuntimeException e) {
                    System.err.println("llmbench: kept " + part + ": it could not be merged (" + e.getMessage() + ")");
                }
            }
        }
        if (!merged.isEmpty()) { // else nothing ran, and the launcher removes the empty session
            AtomicFiles.writeNew(session.resolve("suite-plan.txt"), String.join("\n", plan.describe(true)) + "\n");
            if (!failures.isEmpty()) {
                SessionFiles.writeFailures(session, failures);
                System.out.println("llmbench: " + failures.size() + " of " + (configurations.size() + plan.skipped().size())
                        + " configurations failed or were skipped (the report lists them with their reasons).");
            }
            try {
                Files.writeString(result, new GsonBuilder().setPrettyPrinting().create().toJson(merged)); // the launcher moves it into place
            } catch (IOException e) {
                throw new LlmbenchException("Cannot write " + result + ": " + e.getMessage());
            }
        }
        return code;
    }
}
