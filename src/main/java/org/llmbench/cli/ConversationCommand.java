package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.conversation.Conversation;
import org.llmbench.conversation.ConversationBenchmark;
import org.llmbench.conversation.ConversationFiles;
import org.llmbench.conversation.ConversationListing;
import org.llmbench.conversation.ConversationResultsFiles;
import org.llmbench.conversation.ServerCommand;
import org.llmbench.conversation.SystemDescription;
import org.llmbench.endpoint.GenerationOptions;
import org.llmbench.endpoint.LoadPlan;
import org.llmbench.endpoint.Target;
import org.llmbench.io.ResultsFolder;
import org.llmbench.report.ReportWriter;
import org.llmbench.results.ConversationRunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "conversation", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Multi-turn conversations against an OpenAI-compatible chat endpoint: the whole history each turn, the real answers appended, "
                + "RAG documents injected and removed; per turn TTFT, TPOT, E2E, context and cached tokens; each conversation warm and cold "
                + "(a unique salt per request), each server configuration in a fresh process (--server-cmd).",
                "Results go to a new results/<timestamp>/ folder (turns.json, turns.csv, conversations.csv, conversation.json, jmh.json, env.json, "
                        + "server logs, report/). Exit 0 when everything ran, 1 when a configuration failed or a conversation stopped early, 2 on bad input. "
                        + "Details: docs/CONVERSATIONS.md."})
public final class ConversationCommand implements Callable<Integer> {
    static final int DEFAULT_MAX_TOKENS = 256;

    @Option(names = "--endpoint", paramLabel = "[NAME=]URL", description = "The server's base URL (default with --server-cmd: scheme, host and port of --health-url).")
    String endpoint;

    @Option(names = "--model", paramLabel = "NAME", description = "Model to ask for (default: the first one GET /v1/models lists).")
    String model;

    @Option(names = "--api-key-env", paramLabel = "NAME", description = "Environment variable holding the API key (sent as a bearer token, never written).")
    String apiKeyEnv;

    @Option(names = "--server-cmd", paramLabel = "CMD", description = "A server configuration to start in a fresh process (repeatable: run one after another), e.g. \"vllm serve M --port 8000\".")
    List<String> serverCommands = new ArrayList<>();

    @Option(names = "--server-name", paramLabel = "NAME", description = "Names of the --server-cmd configurations, in order (default: server-1, server-2, ...).")
    List<String> serverNames = new ArrayList<>();

    @Option(names = "--health-url", paramLabel = "URL", description = "With --server-cmd: the URL that answers 200 once the server is ready, e.g. http://127.0.0.1:8000/health.")
    String healthUrl;

    @Option(names = "--startup-timeout", paramLabel = "TIME", defaultValue = "600s", description = "Longest wait for a started server to become healthy (default: ${DEFAULT-VALUE}).")
    String startupTimeout;

    @Option(names = "--stop-timeout", paramLabel = "TIME", defaultValue = "30s", description = "Grace period after SIGTERM before SIGKILL, and for the port to be free (default: ${DEFAULT-VALUE}).")
    String stopTimeout;

    @Option(names = "--conversations", paramLabel = "FILE|DIR", description = "Your conversation file, or a folder of them (default: the shipped set).")
    Path conversationsPath;

    @Option(names = "--list-conversations", description = "List the conversations, their estimated sizes and which would run (with --context-size N or a running --endpoint), then stop.")
    boolean listConversations;

    @Option(names = "--context-size", paramLabel = "N", description = "The server's context in tokens (default: what it reports: GET /v1/models max_model_len, llama-server's /props).")
    Integer contextSize;

    @Option(names = "--bytes-per-token", paramLabel = "X", description = "UTF-8 bytes per token for estimates and generated text (default: measured on the server with three 1-token requests).")
    Double bytesPerToken;

    @Option(names = "--include-tags", paramLabel = "TAGS", description = "Run only conversations with one of these tags, e.g. rag,long.")
    String includeTags;

    @Option(names = "--exclude-tags", paramLabel = "TAGS", description = "Skip conversations with one of these tags.")
    String excludeTags;

    @Option(names = "--max-conversations", paramLabel = "N", description = "Run at most N conversations (the first that pass the other filters).")
    Integer maxConversations;

    @Option(names = "--runs", paramLabel = "LIST", defaultValue = "warm,cold", description = "warm, cold or both: each conversation as a client sends it, and the same requests salted (default: ${DEFAULT-VALUE}).")
    String runs;

    @Option(names = "--max-tokens", paramLabel = "N", description = "max_tokens of every turn, replacing the files' (default: the files', else " + DEFAULT_MAX_TOKENS + ").")
    Integer maxTokens;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature sent (default: none sent, the server's default).")
    Double temperature;

    @Option(names = "--seed", paramLabel = "N", description = "Sampling seed sent with every request (default: none).")
    Integer seed;

    @Option(names = "--ignore-eos", description = "Send ignore_eos: true (vLLM, llama-server, serve) so every answer runs to max_tokens.")
    boolean ignoreEos;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "600s", description = "Per turn, from send to the end of the answer (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--cache-source", paramLabel = "S", defaultValue = "auto", description = "Where cached prompt tokens are read: auto (usage, else llama.cpp timings, else /metrics deltas), usage, timings, metrics (default: ${DEFAULT-VALUE}).")
    String cacheSource;

    @Option(names = "--no-charts", description = "Write the report without PNG charts (and so without report.html).")
    boolean noCharts;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results", description = "Where the run's timestamped folder is made (default: ${DEFAULT-VALUE}).")
    Path resultsRoot;

    @Spec
    CommandSpec spec;

    private final Function<String, String> environment;

    public ConversationCommand() {
        this(System::getenv);
    }

    ConversationCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        List<Conversation> conversations = conversationsPath == null ? ConversationFiles.shipped() : ConversationFiles.load(conversationsPath);
        String setName = conversationsPath == null ? "shipped" : conversationsPath.getFileName().toString();
        URI health = health();
        String baseUrl = baseUrl(health);
        List<ConversationBenchmark.Configuration> configurations = configurations();
        ConversationBenchmark.Options options = options(baseUrl, health);
        if (listConversations) {
            ConversationListing.print(conversations, setName, serverCommands.isEmpty() && baseUrl != null ? target(baseUrl) : null, options, environment, System.out);
            return 0;
        }
        if (baseUrl == null) throw new LlmbenchException("No server given; name a running one with --endpoint URL, or start one per configuration with --server-cmd CMD --health-url URL.");
        Path session = ResultsFolder.newSession(resultsRoot);
        System.out.println("llmbench: " + configurations.size() + " configuration(s) × " + conversations.size() + " conversation(s) (" + setName
                + "), runs " + String.join(", ", options.runs()) + "; results in " + session);
        ConversationBenchmark.Outcome o = ConversationBenchmark.run(configurations, conversations, options, session, environment, System.out);
        List<String> arguments = spec.commandLine().getParseResult().originalArgs();
        ConversationRunInfo info = new ConversationRunInfo(ConversationRunInfo.KIND, o.started(), o.finished(), redactedArguments(arguments), baseUrl, setName,
                options.runs(), maxTokens, DEFAULT_MAX_TOKENS, options.generation().temperature(), seed, ignoreEos,
                options.generation().timeout().toMillis() / 1000.0, cacheSource.trim().toLowerCase(Locale.ROOT), SystemDescription.current(),
                o.configurations(), o.warnings(), o.summaries());
        ConversationResultsFiles.write(session, info, o.turns());
        EnvironmentFile.writeForEndpoint(session.resolve("env.json"), info.arguments(), "conversation");
        System.out.println("llmbench: results in " + session);
        EnumSet<ReportWriter.Format> formats = EnumSet.of(ReportWriter.Format.MD, ReportWriter.Format.CSV, ReportWriter.Format.JSON);
        if (!noCharts) formats.addAll(EnumSet.of(ReportWriter.Format.PNG, ReportWriter.Format.HTML));
        ReportCommand.reportSession(session, formats);
        o.warnings().forEach(w -> System.err.println("llmbench: warning: " + w));
        return o.anyFailure() ? 1 : 0;
    }

    private ConversationBenchmark.Options options(String baseUrl, URI health) {
        if (contextSize != null && (contextSize < 1 || contextSize > 100_000_000)) throw new LlmbenchException("--context-size " + contextSize + " is invalid; give a whole number of tokens from 1 to 100000000.");
        if (bytesPerToken != null && !(bytesPerToken >= 0.1 && bytesPerToken <= 100)) throw new LlmbenchException("--bytes-per-token " + bytesPerToken + " is invalid; give a number from 0.1 to 100 (about 4 for English BPE vocabularies, 1 for byte-level ones).");
        if (maxConversations != null && maxConversations < 1) throw new LlmbenchException("--max-conversations " + maxConversations + " is invalid; give at least 1.");
        if (maxTokens != null && (maxTokens < 1 || maxTokens > 1_000_000)) throw new LlmbenchException("--max-tokens " + maxTokens + " is invalid; give a whole number from 1 to 1000000.");
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) throw new LlmbenchException("--temperature " + temperature + " is invalid; give a number from 0 to 2.");
        Set<String> include = tags(includeTags, "--include-tags"), exclude = tags(excludeTags, "--exclude-tags");
        GenerationOptions generation = new GenerationOptions(true, maxTokens != null ? maxTokens : DEFAULT_MAX_TOKENS, temperature == null ? Double.NaN : temperature,
                seed, ignoreEos, LoadPlan.parseDuration(timeout, "--timeout", Duration.ofHours(24)), 64L << 20);
        return new ConversationBenchmark.Options(baseUrl, model, apiKeyEnv, health,
                LoadPlan.parseDuration(startupTimeout, "--startup-timeout", Duration.ofHours(24)), LoadPlan.parseDuration(stopTimeout, "--stop-timeout", Duration.ofHours(1)),
                contextSize, bytesPerToken, include, exclude, maxConversations, runs(), maxTokens, DEFAULT_MAX_TOKENS, generation, cacheSource.trim().toLowerCase(Locale.ROOT));
    }

    private List<String> runs() {
        List<String> out = new ArrayList<>();
        for (String r : runs.split(",")) {
            String run = r.trim().toLowerCase(Locale.ROOT);
            if (!run.equals("warm") && !run.equals("cold")) throw new LlmbenchException("--runs '" + runs + "' is invalid; give warm, cold or warm,cold.");
            if (!out.contains(run)) out.add(run);
        }
        if (out.isEmpty()) throw new LlmbenchException("--runs '" + runs + "' is invalid; give warm, cold or warm,cold.");
        out.sort((a, b) -> a.equals("warm") ? -1 : b.equals("warm") ? 1 : 0); // warm first: the cold run replays its answers
        return out;
    }

    private static Set<String> tags(String list, String option) {
        Set<String> out = new LinkedHashSet<>();
        if (list == null) return out;
        for (String t : list.split(",")) {
            String tag = t.trim();
            if (tag.isEmpty()) continue;
            if (!tag.matches("[a-z0-9][a-z0-9._-]{0,31}")) throw new LlmbenchException(option + " tag '" + tag + "' is invalid; tags are lower-case letters, digits, '.', '_' or '-'.");
            out.add(tag);
        }
        return out;
    }

    private URI health() {
        if (healthUrl == null) {
            if (!serverCommands.isEmpty()) throw new LlmbenchException("--server-cmd needs --health-url, the URL that answers 200 once the server is ready (e.g. http://127.0.0.1:8000/health).");
            return null;
        }
        if (serverCommands.isEmpty()) throw new LlmbenchException("--health-url applies to servers started with --server-cmd; give --server-cmd CMD too, or leave it out.");
        URI u;
        try {
            u = URI.create(healthUrl.trim());
        } catch (IllegalArgumentException e) {
            u = null;
        }
        if (u == null || u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getRawUserInfo() != null) {
            throw new LlmbenchException("--health-url '" + healthUrl + "' is invalid; give http://HOST:PORT/PATH, e.g. http://127.0.0.1:8000/health.");
        }
        return u;
    }

    private String baseUrl(URI health) {
        if (endpoint != null) return target(urlOf(endpoint)).baseUrl();
        if (health == null) return null;
        return health.getScheme() + "://" + (health.getHost().contains(":") ? "[" + health.getHost() + "]" : health.getHost()) + (health.getPort() >= 0 ? ":" + health.getPort() : "");
    }

    private static String urlOf(String spec) {
        int eq = spec.indexOf('=');
        return eq > 0 && !spec.substring(0, eq).contains(":") ? spec.substring(eq + 1).trim() : spec.trim();
    }

    private String endpointName() {
        int eq = endpoint == null ? -1 : endpoint.indexOf('=');
        return eq > 0 && !endpoint.substring(0, eq).contains(":") ? endpoint.substring(0, eq).trim() : "endpoint";
    }

    private Target target(String baseUrl) {
        return new Target(endpointName(), baseUrl, org.llmbench.endpoint.Api.CHAT, model, apiKeyEnv, Map.of(), false);
    }

    private List<ConversationBenchmark.Configuration> configurations() {
        if (serverNames.size() > serverCommands.size()) {
            throw new LlmbenchException("--server-name is given " + serverNames.size() + " times for " + serverCommands.size() + " --server-cmd; give at most one name per command.");
        }
        List<ConversationBenchmark.Configuration> out = new ArrayList<>();
        if (serverCommands.isEmpty()) {
            target("http://127.0.0.1"); // checks the name
            out.add(new ConversationBenchmark.Configuration(endpointName(), null));
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < serverCommands.size(); i++) {
            String name = i < serverNames.size() ? serverNames.get(i).trim() : "server-" + (i + 1);
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) throw new LlmbenchException("--server-name '" + name + "' is invalid; use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
            if (!names.add(name)) throw new LlmbenchException("--server-name '" + name + "' is given twice; each configuration needs its own name.");
            out.add(new ConversationBenchmark.Configuration(name, ServerCommand.parse(serverCommands.get(i), "--server-cmd '" + name + "'")));
        }
        return out;
    }

    /** The arguments as results keep them: --server-cmd values with secret-looking values hidden (as in each configuration's command). */
    private static List<String> redactedArguments(List<String> args) {
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i + 1 < out.size(); i++) {
            if (out.get(i).equals("--server-cmd")) {
                try {
                    out.set(i + 1, ServerCommand.parse(out.get(i + 1), "--server-cmd").display());
                } catch (LlmbenchException e) {
                    out.set(i + 1, "***");
                }
            } else if (out.get(i).startsWith("--server-cmd=")) {
                out.set(i, "--server-cmd=***");
            }
        }
        return out;
    }
}
