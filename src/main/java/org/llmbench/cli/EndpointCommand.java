package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.endpoint.Api;
import org.llmbench.endpoint.EndpointList;
import org.llmbench.endpoint.EndpointResultsFiles;
import org.llmbench.endpoint.EndpointRun;
import org.llmbench.endpoint.GenerationOptions;
import org.llmbench.endpoint.LoadMode;
import org.llmbench.endpoint.LoadPlan;
import org.llmbench.endpoint.PromptSet;
import org.llmbench.endpoint.Schedule;
import org.llmbench.endpoint.Target;
import org.llmbench.endpoint.TargetConfig;
import org.llmbench.io.ResultsFolder;
import org.llmbench.report.ReportWriter;
import org.llmbench.results.EndpointSettings;
import org.llmbench.results.EndpointSlo;
import org.llmbench.results.EndpointSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "endpoint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark OpenAI-compatible endpoints (vLLM, NIM, llama-server, TGI, hosted APIs): TTFT, TPOT, ITL, E2E latency and "
                + "throughput under sequential, concurrent or rate-driven load, several endpoints in one run.",
                "Results go to a new results/<timestamp>/ folder (requests.csv, summary.csv, endpoint.json, jmh.json, env.json, report/). "
                        + "Exit 0 when every endpoint answered, 1 when one failed every request, 2 on bad input. Details: docs/ENDPOINT.md."})
public final class EndpointCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "endpoints.yaml: a list of endpoints (name, url, api, model, api_key_env, headers, token_ids).")
    Path config;

    @Option(names = "--endpoint", paramLabel = "NAME=URL", description = "An endpoint without a config file (repeatable), e.g. vllm=http://localhost:8000.")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--api", paramLabel = "API", defaultValue = "chat", description = "API of --endpoint entries: chat or completions (default: ${DEFAULT-VALUE}).")
    String api;

    @Option(names = "--model", paramLabel = "NAME", description = "Model of --endpoint entries (default: the first one GET /v1/models lists).")
    String model;

    @Option(names = "--list", description = "Print the endpoints and the models each reachable one lists, then stop.")
    boolean list;

    @Option(names = "--mode", paramLabel = "MODE", description = "sequential, concurrent or rate (default: rate with --rate, concurrent with --concurrency, else sequential).")
    String mode;

    @Option(names = "--concurrency", paramLabel = "N[,N...]", description = "Requests in flight per endpoint (closed loop); a list sweeps, e.g. 1,2,4,8.")
    String concurrency;

    @Option(names = "--rate", paramLabel = "R[,R...]", description = "Requests per second per endpoint (open loop); a list sweeps, e.g. 1,2,4.")
    String rate;

    @Option(names = "--burstiness", paramLabel = "G", defaultValue = "1", description = "Gamma shape of inter-arrival times in rate mode: 1 = Poisson, <1 burstier, >1 more regular (default: ${DEFAULT-VALUE}).")
    double burstiness;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1", description = "Times each prompt is sent per endpoint and level (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--requests", paramLabel = "N", description = "Measured requests per endpoint and level (prompts cycle; default: prompts × iterations).")
    Integer requests;

    @Option(names = "--duration", paramLabel = "TIME", description = "No new request after this long in a level, e.g. 60s or 5m (default: no time bound besides --timeout).")
    String duration;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1", description = "Warm-up requests per endpoint, excluded from metrics (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--schedule", paramLabel = "S", defaultValue = "interleaved", description = "interleaved (round robin in small steps) or parallel (all endpoints at once) (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--no-stream", description = "Ask for whole answers (no SSE): no TTFT, TPOT or ITL, only E2E latency.")
    boolean noStream;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "256", description = "max_tokens of every request whose prompt sets none (default: ${DEFAULT-VALUE}); --synthetic's OUT and a prompts file's max_tokens take precedence.")
    int maxTokens;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature sent (default: none sent, the server's default).")
    Double temperature;

    @Option(names = "--seed", paramLabel = "N", description = "Sent as the sampling seed, and seeds the arrival schedule and synthetic prompts (default: none sent; schedule seed 42).")
    Integer seed;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "120s", description = "Per request, from send to the end of the answer (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--ignore-eos", description = "Send ignore_eos: true (vLLM, llama-server) so every answer runs to max_tokens.")
    boolean ignoreEos;

    @Option(names = "--prompts", paramLabel = "FILE.jsonl", description = "Your own prompts, one JSON object per line (docs/ENDPOINT.md); default: the shipped 18-prompt suite.")
    Path promptsFile;

    @Option(names = "--synthetic", paramLabel = "IN:OUT", description = "Synthetic prompts of IN tokens asking for OUT tokens (token ids to completions endpoints, text elsewhere).")
    String synthetic;

    @Option(names = "--slo", paramLabel = "SPEC", description = "Goodput objectives, e.g. ttft=500ms,tpot=50ms,e2e=10s.")
    String slo;

    @Option(names = "--max-response-mb", paramLabel = "MB", defaultValue = "16", description = "Largest response body read, in MiB (default: ${DEFAULT-VALUE}).")
    int maxResponseMb;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "256", description = "Rate mode: most requests in flight per endpoint (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--no-charts", description = "Write the report without PNG charts (and so without report.html, which embeds them).")
    boolean noCharts;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results", description = "Where the run's timestamped folder is made (default: ${DEFAULT-VALUE}).")
    Path resultsRoot;

    @Spec
    CommandSpec spec;

    private final Function<String, String> environment;
    private final boolean terminal;

    public EndpointCommand() {
        this(System::getenv, System.console() != null);
    }

    /** With the environment the API keys are read from (tests pass their own) and whether stdout is a terminal. */
    EndpointCommand(Function<String, String> environment, boolean terminal) {
        this.environment = environment;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<Target> targets = targets();
        if (list) {
            EndpointList.print(targets, environment, Duration.ofSeconds(10), System.out);
            return 0;
        }
        LoadMode loadMode = loadMode();
        GenerationOptions generation = generation();
        int iter = between(iterations, "--iterations", 1, 1_000_000);
        Duration bound = duration == null ? null : LoadPlan.parseDuration(duration, "--duration", Duration.ofDays(7));
        long arrivalSeed = seed == null ? 42 : seed;
        PromptSet prompts = prompts(arrivalSeed);
        int perLevel = requests != null ? between(requests, "--requests", 1, 10_000_000)
                : bound != null ? LoadPlan.DURATION_ONLY_REQUEST_CAP : prompts.prompts().size() * iter;
        LoadPlan plan = new LoadPlan(loadMode, levels(loadMode), Schedule.parse(schedule), between(warmup, "--warmup", 0, 1000), iter, perLevel, bound,
                between(burstiness, "--burstiness", 1e-3, 1000), arrivalSeed, between(maxInFlight, "--max-in-flight", 1, 100_000),
                slo == null ? EndpointSlo.NONE : LoadPlan.parseSlo(slo));
        System.out.println("llmbench: " + targets.size() + " endpoint(s) × " + plan.levels().size() + " level(s) × " + plan.requestsPerLevel()
                + " requests (" + prompts.name() + ", " + plan.mode().label() + ", " + plan.schedule().label() + ")");
        EndpointRun.Outcome run = EndpointRun.run(targets, prompts, plan, generation, environment, System.out, terminal);
        printSummary(run);
        List<String> arguments = spec.commandLine().getParseResult().originalArgs();
        Path session = ResultsFolder.newSession(resultsRoot);
        EndpointResultsFiles.write(session, run, arguments);
        EnvironmentFile.writeForEndpoint(session.resolve("env.json"), arguments);
        System.out.println("llmbench: results in " + session);
        EnumSet<ReportWriter.Format> formats = EnumSet.of(ReportWriter.Format.MD, ReportWriter.Format.CSV, ReportWriter.Format.JSON);
        if (!noCharts) formats.addAll(EnumSet.of(ReportWriter.Format.PNG, ReportWriter.Format.HTML)); // the HTML embeds the charts
        ReportCommand.reportSession(session, formats);
        run.warnings().forEach(w -> System.err.println("llmbench: warning: " + w));
        return run.failedEndpoints().isEmpty() ? 0 : 1;
    }

    /**
     * The suite, the user's file, or synthetic prompts: as many distinct ones as --requests asks for
     * (so a prefix cache cannot answer from an earlier identical prompt; at most 1000 and 20M tokens
     * in all), else 18 like the suite.
     */
    private PromptSet prompts(long arrivalSeed) {
        if (promptsFile != null && synthetic != null) throw new LlmbenchException("--prompts and --synthetic exclude each other; give one prompt source.");
        if (promptsFile != null) return PromptSet.file(promptsFile);
        if (synthetic == null) return PromptSet.suite();
        int in = PromptSet.parseSynthetic(synthetic)[0];
        int wanted = requests != null ? requests : 18;
        return PromptSet.synthetic(synthetic, Math.max(1, Math.min(Math.min(wanted, 1000), 20_000_000 / in)), arrivalSeed);
    }

    private List<Target> targets() {
        List<Target> out = new ArrayList<>();
        if (config != null) out.addAll(TargetConfig.load(config));
        Api flagApi = Api.valueOf(checkApi(api));
        for (String e : endpoints) out.add(TargetConfig.fromFlag(e, flagApi, model));
        if (out.isEmpty()) throw new LlmbenchException("No endpoint given; name one with --endpoint NAME=URL or a YAML file with --config FILE.");
        TargetConfig.checkUnique(out);
        return out;
    }

    private static String checkApi(String text) {
        String a = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (!a.equals("CHAT") && !a.equals("COMPLETIONS")) {
            throw new LlmbenchException("--api '" + text + "' is invalid; valid APIs are chat (/v1/chat/completions) and completions (/v1/completions).");
        }
        return a;
    }

    private LoadMode loadMode() {
        if (rate != null && concurrency != null) throw new LlmbenchException("--rate and --concurrency exclude each other; give --rate for open-loop or --concurrency for closed-loop load.");
        LoadMode m = mode != null ? LoadMode.parse(mode) : rate != null ? LoadMode.RATE : concurrency != null ? LoadMode.CONCURRENT : LoadMode.SEQUENTIAL;
        if (m == LoadMode.RATE && rate == null) throw new LlmbenchException("--mode rate needs --rate R (requests per second, or a list such as 1,2,4).");
        if (m == LoadMode.CONCURRENT && concurrency == null) throw new LlmbenchException("--mode concurrent needs --concurrency N (or a list such as 1,4,16).");
        if (m != LoadMode.RATE && rate != null) throw new LlmbenchException("--rate applies to --mode rate only, not to --mode " + m.label() + ".");
        if (m != LoadMode.CONCURRENT && concurrency != null) throw new LlmbenchException("--concurrency applies to --mode concurrent only, not to --mode " + m.label() + ".");
        return m;
    }

    private List<Double> levels(LoadMode m) {
        return switch (m) {
            case SEQUENTIAL -> List.of(1.0);
            case CONCURRENT -> LoadPlan.parseLevels(concurrency, m);
            case RATE -> LoadPlan.parseLevels(rate, m);
        };
    }

    private GenerationOptions generation() {
        double t = temperature == null ? Double.NaN : between(temperature, "--temperature", 0, 2);
        Duration perRequest = LoadPlan.parseDuration(timeout, "--timeout", Duration.ofHours(24));
        int max = between(maxTokens, "--max-tokens", 1, 1_000_000);
        if (synthetic != null) max = PromptSet.parseSynthetic(synthetic)[1]; // what every synthetic request sends, so results record it
        return new GenerationOptions(!noStream, max, t, seed, ignoreEos, perRequest,
                (long) between(maxResponseMb, "--max-response-mb", 1, 4096) << 20);
    }

    private static int between(int v, String option, int min, int max) {
        if (v < min || v > max) throw new LlmbenchException(option + " " + v + " is invalid; give a whole number from " + min + " to " + max + ".");
        return v;
    }

    private static double between(double v, String option, double min, double max) {
        if (!(v >= min && v <= max)) throw new LlmbenchException(option + " " + v + " is invalid; give a number from " + min + " to " + max + ".");
        return v;
    }

    private static void printSummary(EndpointRun.Outcome run) {
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "%-14s %-16s %9s %10s %10s %9s %9s %10s %11s %8s %9s",
                "endpoint", "level", "ok/sent", "TTFT p50", "TTFT p99", "TPOT p50", "ITL p50", "E2E p50", "out tok/s", "req/s", "goodput"));
        for (EndpointSummary s : run.summaries()) {
            if (!s.isAll()) continue;
            System.out.println(String.format(Locale.ROOT, "%-14s %-16s %9s %10s %10s %9s %9s %10s %11s %8s %9s", s.endpoint(),
                    EndpointSettings.levelLabel(s.mode(), s.level()), s.succeeded() + "/" + s.requests(), ms(s.ttft().median()), ms(s.ttft().p99()),
                    ms(s.tpot().median()), ms(s.itl().median()), ms(s.e2e().median()), num(s.outputTokensPerSecond()), num(s.requestsPerSecond()),
                    Double.isNaN(s.goodputFraction()) ? "—" : String.format(Locale.ROOT, "%.0f%%", 100 * s.goodputFraction())));
        }
        System.out.println("(latencies in ms; TTFT counts to the first chunk with content; rates are Σ / the endpoint's active window)");
    }

    private static String ms(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "—";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "—";
    }
}
