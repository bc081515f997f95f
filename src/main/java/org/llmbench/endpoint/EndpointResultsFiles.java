package org.llmbench.endpoint;

import org.llmbench.io.AtomicFiles;
import org.llmbench.results.EndpointJson;
import org.llmbench.results.EndpointRunInfo;
import org.llmbench.results.EndpointSummaryCsv;
import org.llmbench.results.RequestCsv;

import java.nio.file.Path;
import java.util.List;

/** Writes an endpoint run into its session folder: requests.csv, summary.csv, endpoint.json, jmh.json (each atomically, never over a file). */
public final class EndpointResultsFiles {
    public static final String JMH = "jmh.json";

    private EndpointResultsFiles() {
    }

    public static void write(Path session, EndpointRun.Outcome run, List<String> arguments) {
        AtomicFiles.writeNew(session.resolve(RequestCsv.FILE), RequestCsv.write(run.records()));
        AtomicFiles.writeNew(session.resolve(EndpointSummaryCsv.FILE), EndpointSummaryCsv.write(run.summaries()));
        EndpointRunInfo info = run.describe(arguments);
        AtomicFiles.writeNew(session.resolve(EndpointRunInfo.FILE), EndpointJson.GSON.toJson(info));
        AtomicFiles.writeNew(session.resolve(JMH), run.jmhJson());
    }
}
