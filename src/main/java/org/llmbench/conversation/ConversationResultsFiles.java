package org.llmbench.conversation;

import org.llmbench.endpoint.JmhRecords;
import org.llmbench.io.AtomicFiles;
import org.llmbench.results.ConversationResults;
import org.llmbench.results.ConversationRunInfo;
import org.llmbench.results.ConversationSummaryCsv;
import org.llmbench.results.EndpointJson;
import org.llmbench.results.EndpointSlo;
import org.llmbench.results.TurnCsv;
import org.llmbench.results.TurnRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a conversation run into its session folder, each file atomically and never over another:
 * turns.json and turns.csv (every turn), conversations.csv (every conversation run),
 * conversation.json (configurations, settings, system, summaries) and jmh.json (for check).
 */
public final class ConversationResultsFiles {
    public static final String JMH = "jmh.json";

    private ConversationResultsFiles() {
    }

    public static void write(Path session, ConversationRunInfo info, List<TurnRecord> turns) {
        AtomicFiles.writeNew(session.resolve(ConversationResults.TURNS_JSON), EndpointJson.GSON.toJson(turns));
        AtomicFiles.writeNew(session.resolve(TurnCsv.FILE), TurnCsv.write(turns));
        AtomicFiles.writeNew(session.resolve(ConversationSummaryCsv.FILE), ConversationSummaryCsv.write(info.summaries()));
        AtomicFiles.writeNew(session.resolve(ConversationRunInfo.FILE), EndpointJson.GSON.toJson(info));
        AtomicFiles.writeNew(session.resolve(JMH), jmhJson(info, turns));
    }

    /**
     * One group per configuration × run (warm, cold): TTFT, TPOT, ITL, E2E with each turn a shot,
     * and turns/s and output tokens/s over the turns' summed E2E time (they run one at a time).
     * Params name the configuration, the run, the model, the conversations and max_tokens, so check
     * pairs a configuration only with the same configuration of another run.
     */
    static String jmhJson(ConversationRunInfo info, List<TurnRecord> turns) {
        List<JmhRecords.Group> groups = new ArrayList<>();
        for (ConversationRunInfo.ConfigurationInfo c : info.configurations()) {
            for (String run : info.runs()) {
                List<org.llmbench.results.RequestRecord> measured = turns.stream()
                        .filter(t -> t.configuration().equals(c.name()) && t.run().equals(run)).map(TurnRecord::request).toList();
                if (measured.isEmpty()) continue;
                Map<String, String> params = new LinkedHashMap<>();
                params.put("configuration", c.name());
                params.put("cache", run);
                params.put("model", c.model());
                params.put("conversations", String.join(",", c.selected()));
                params.put("maxTokens", info.maxTokensOverride() != null ? String.valueOf(info.maxTokensOverride()) : "files (default " + info.defaultMaxTokens() + ")");
                double seconds = measured.stream().filter(org.llmbench.results.RequestRecord::ok).mapToDouble(org.llmbench.results.RequestRecord::e2eMs).sum() / 1000;
                groups.add(new JmhRecords.Group(params, measured, seconds));
            }
        }
        return JmhRecords.json(ConversationRunInfo.BENCHMARK_PREFIX, groups, EndpointSlo.NONE);
    }
}
