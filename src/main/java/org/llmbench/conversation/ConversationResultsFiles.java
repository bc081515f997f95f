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
import org.llmbench.results.RequestRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
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
                List<TurnRecord> mine = turns.stream().filter(t -> t.configuration().equals(c.name()) && t.run().equals(run)).toList();
                if (mine.isEmpty()) continue;
                List<RequestRecord> measured = mine.stream().map(TurnRecord::request).toList();
                Map<RequestRecord, Integer> computed = new IdentityHashMap<>();
                mine.forEach(t -> computed.put(t.request(), t.contextTokens() < 0 ? -1 : t.contextTokens() - Math.max(0, t.cachedTokens())));
                Map<String, String> params = new LinkedHashMap<>();
                params.put("configuration", c.name());
                params.put("cache", run);
                params.put("model", c.model());
                params.put("conversations", String.join(",", c.selected()));
                params.put("maxTokens", info.maxTokensOverride() != null ? String.valueOf(info.maxTokensOverride()) : "files (default " + info.defaultMaxTokens() + ")");
                double seconds = measured.stream().filter(RequestRecord::ok).mapToDouble(RequestRecord::e2eMs).sum() / 1000;
                // dealt by the prompt tokens the server computed (context − cached): every sub-sample gets short and long turns
                // alike, so its median estimates the run's; in send order the sub-samples would differ by which turns they hold
                groups.add(new JmhRecords.Group(params, measured, seconds, Comparator.comparingInt((RequestRecord r) -> computed.get(r))
                        .thenComparingDouble(RequestRecord::sentMs)));
            }
        }
        return JmhRecords.json(ConversationRunInfo.BENCHMARK_PREFIX, groups, EndpointSlo.NONE);
    }
}
