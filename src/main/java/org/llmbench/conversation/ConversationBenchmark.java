package org.llmbench.conversation;

import org.llmbench.LlmbenchException;
import org.llmbench.endpoint.ChatClient;
import org.llmbench.endpoint.GenerationOptions;
import org.llmbench.endpoint.Target;
import org.llmbench.results.ConversationRunInfo.ConfigurationInfo;
import org.llmbench.results.ConversationRunInfo.Skipped;
import org.llmbench.results.ConversationSummary;
import org.llmbench.results.TurnRecord;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * A conversation benchmark: for each server configuration in turn — started from its command in
 * a fresh process when one is given, or the endpoint as it runs — ask the server its model,
 * context size and version, measure its tokens, select the conversations that fit, run each warm
 * then cold, and stop the server before the next configuration. A configuration that fails (never
 * healthy, dies mid-run, no context size) is recorded as failed; the next one still runs.
 */
public final class ConversationBenchmark {
    /** A server configuration: its name, and the command that starts it (null: the endpoint is already running). */
    public record Configuration(String name, ServerCommand command) {
    }

    /**
     * How to run.
     *
     * @param baseUrl           the OpenAI-compatible base URL (without /v1)
     * @param model             the model to ask for; null = the first GET /v1/models lists
     * @param health            with commands: the URL that answers 200 once the server is ready
     * @param contextSize       null = what the server reports
     * @param bytesPerToken     null = measured on the server
     * @param runs              "warm" and/or "cold", in that order
     * @param maxTokensOverride replaces every turn's max_tokens; null = the files' (else defaultMaxTokens)
     */
    public record Options(String baseUrl, String model, String apiKeyEnv, URI health, Duration startupTimeout, Duration stopGrace,
                          Integer contextSize, Double bytesPerToken, Set<String> includeTags, Set<String> excludeTags, Integer maxConversations,
                          List<String> runs, Integer maxTokensOverride, int defaultMaxTokens, GenerationOptions generation, String cacheSource) {
        public Options {
            CachedTokens.Source.parse(cacheSource); // a bad value is bad input, before anything runs
        }

        IntUnaryOperator maxTokens(Conversation c) {
            return t -> maxTokensOverride != null ? maxTokensOverride : c.maxTokens(t, defaultMaxTokens);
        }
    }

    /** What a run produced. */
    public record Outcome(List<ConfigurationInfo> configurations, List<TurnRecord> turns, List<ConversationSummary> summaries,
                          List<String> warnings, String started, String finished) {
        public boolean anyFailure() {
            return configurations.stream().anyMatch(ConfigurationInfo::failed) || summaries.stream().anyMatch(s -> !s.stoppedAt().isEmpty());
        }
    }

    private final List<Conversation> conversations;
    private final Options options;
    private final Path session;
    private final Function<String, String> environment;
    private final PrintStream out;
    private final long origin = System.nanoTime();
    private final List<TurnRecord> turns = new ArrayList<>();
    private final List<ConversationSummary> summaries = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private ConversationBenchmark(List<Conversation> conversations, Options options, Path session, Function<String, String> environment, PrintStream out) {
        this.conversations = conversations;
        this.options = options;
        this.session = session;
        this.environment = environment;
        this.out = out;
    }

    /** @param session the results folder (server logs go there) */
    public static Outcome run(List<Configuration> configurations, List<Conversation> conversations, Options options, Path session,
                              Function<String, String> environment, PrintStream out) {
        String started = now();
        ConversationBenchmark b = new ConversationBenchmark(conversations, options, session, environment, out);
        List<ConfigurationInfo> infos = new ArrayList<>();
        for (Configuration c : configurations) infos.add(b.configuration(c));
        return new Outcome(infos, b.turns, b.summaries, b.warnings, started, now());
    }

    /** Mutable facts about one configuration while it runs, frozen into its ConfigurationInfo at the end. */
    private static final class State {
        String failure, stop, model, contextSource, version, tokenModel;
        Integer exitCode, contextSize;
        List<String> lastStderr = List.of(), selected = List.of(), logs = List.of();
        List<Skipped> skipped = List.of();
        double startup = Double.NaN;
        long peakRss = -1;
    }

    private ConfigurationInfo configuration(Configuration c) {
        State s = new State();
        String command = c.command() == null ? null : c.command().display();
        out.println("llmbench: configuration " + c.name() + (command == null ? " (" + options.baseUrl() + ")" : ": " + command));
        ServerProcess server = null;
        try {
            if (c.command() != null) {
                Path stdout = session.resolve("server-" + c.name() + ".out.log"), stderr = session.resolve("server-" + c.name() + ".err.log");
                s.logs = List.of(stdout.getFileName().toString(), stderr.getFileName().toString());
                server = ServerProcess.start(c.command(), options.health(), options.startupTimeout(), options.stopGrace(), stdout, stderr);
                s.startup = server.startupSeconds();
                out.println(String.format(Locale.ROOT, "llmbench: %s healthy after %.1f s (pid %d)", c.name(), s.startup, server.pid()));
            }
            runConversations(c, s, server);
        } catch (ServerProcess.Failed f) {
            s.failure = f.getMessage();
            s.exitCode = f.exitCode;
            s.lastStderr = f.lastStderr;
        } catch (LlmbenchException e) {
            s.failure = e.getMessage();
        } finally {
            if (server != null) {
                s.peakRss = server.peakRssBytes();
                s.stop = server.stop();
                if (s.failure != null && s.exitCode == null && server.exitCode() != null && s.lastStderr.isEmpty()) s.lastStderr = server.lastStderr();
            }
        }
        if (s.failure != null) {
            out.println("llmbench: configuration " + c.name() + " failed: " + s.failure);
            s.lastStderr.forEach(l -> out.println("  stderr: " + l));
        }
        return new ConfigurationInfo(c.name(), command, c.command() == null ? null : options.health().toString(), s.failure == null ? "ok" : "failed",
                s.failure, s.exitCode, s.lastStderr, s.startup, s.peakRss, s.stop, s.model, s.contextSize, s.contextSource, s.version, s.tokenModel,
                s.selected, s.skipped, s.logs);
    }

    private void runConversations(Configuration c, State s, ServerProcess server) throws ServerProcess.Failed {
        Target target = new Target(c.name(), options.baseUrl(), org.llmbench.endpoint.Api.CHAT, options.model(), options.apiKeyEnv(), Map.of(), false);
        try (ChatClient probe = new ChatClient(target, options.generation(), environment, origin)) {
            ServerFacts facts = ServerFacts.ask(probe, options.model());
            s.model = facts.model() != null ? facts.model() : "default";
            s.version = facts.version();
            if (options.contextSize() != null) {
                s.contextSize = options.contextSize();
                s.contextSource = "--context-size";
                if (facts.contextSize() != null && facts.contextSize() < options.contextSize()) {
                    warnings.add(c.name() + ": --context-size " + options.contextSize() + " is more than the " + facts.contextSize() + " the server reports (" + facts.contextSource() + ").");
                }
            } else if (facts.contextSize() != null) {
                s.contextSize = facts.contextSize();
                s.contextSource = facts.contextSource();
            } else if (!facts.notes().isEmpty()) {
                throw new LlmbenchException("the server at " + options.baseUrl() + " did not answer: " + String.join("; ", facts.notes()));
            } else {
                throw new LlmbenchException("the server reports no context size (GET /v1/models max_model_len, GET /props n_ctx); give --context-size N");
            }
            facts.notes().forEach(n -> warnings.add(c.name() + ": " + n));
            if (facts.model() == null) warnings.add(c.name() + ": no model given and GET /v1/models listed none; sending model \"default\".");
        }
        try (ChatClient client = new ChatClient(target.withModel(s.model), options.generation(), environment, origin)) {
            TokenModel tokens = options.bytesPerToken() != null ? TokenProbe.given(client, c.name(), options.bytesPerToken())
                    : TokenProbe.measure(client, c.name(), s.contextSize);
            s.tokenModel = tokens.describe();
            Selection selection = Selection.of(conversations, s.contextSize, tokens, options::maxTokens, options.includeTags(), options.excludeTags(),
                    options.maxConversations());
            s.selected = selection.selected().stream().map(Conversation::id).toList();
            s.skipped = selection.skipped();
            out.println(String.format(Locale.ROOT, "llmbench: %s: model %s, context %,d tokens (%s); %d conversation(s) selected, %d skipped; tokens %s",
                    c.name(), s.model, s.contextSize, s.contextSource, selection.selected().size(), selection.skipped().size(), tokens.describe()));
            CachedTokens cached = new CachedTokens(client, CachedTokens.Source.parse(options.cacheSource()));
            ConversationRun runner = new ConversationRun(client, c.name(), cached);
            for (Conversation conv : selection.selected()) {
                History.Rendered rendered = History.Rendered.of(conv, tokens.bytesPerToken());
                List<String> warmAnswers = List.of();
                for (String run : options.runs()) {
                    ConversationRun.Result r = runner.run(rendered, run, options.maxTokens(conv), warmAnswers);
                    if (run.equals(TurnRecord.WARM)) warmAnswers = r.answers();
                    turns.addAll(r.turns());
                    ConversationSummary sum = RunSummary.of(c.name(), conv.id(), run, rendered.turns(), r.turns(), r.stoppedAt());
                    summaries.add(sum);
                    out.println(progress(sum));
                    if (server != null && (!server.alive() || !r.stoppedAt().isEmpty() && server.exitsWithin(Duration.ofSeconds(2)))) {
                        throw new ServerProcess.Failed("the server exited with code " + server.exitCode() + " during " + conv.id() + " (" + run + ", "
                                + (r.stoppedAt().isEmpty() ? "after its last turn" : r.stoppedAt()) + ")", server.exitCode(), server.lastStderr());
                    }
                }
            }
        }
    }

    private static String progress(ConversationSummary s) {
        return String.format(Locale.ROOT, "llmbench:   %-18s %-4s %d/%d turns, TTFT mean %s ms (turn 1 %s ms, later %s ms), hit rate %s%s",
                s.conversation(), s.run(), s.succeeded(), s.turns(), num(s.ttftMeanMs()), num(s.firstTurnTtftMs()), num(s.laterTurnsTtftMeanMs()),
                Double.isNaN(s.hitRate()) ? "unknown" : String.format(Locale.ROOT, "%.0f%%", 100 * s.hitRate()),
                s.stoppedAt().isEmpty() ? "" : "; stopped at " + s.stoppedAt());
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "—";
    }

    private static String now() {
        return OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
