package org.llmbench.endpoint;

import org.llmbench.results.EndpointRunInfo;
import org.llmbench.results.EndpointSettings;
import org.llmbench.results.EndpointSummary;
import org.llmbench.results.RequestRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One endpoint benchmark: warm-up per endpoint, then each load level in turn, the endpoints sharing
 * it interleaved (round robin in small steps) or in parallel; then the summaries and warnings.
 * All times share one System.nanoTime origin. Faults are counted in the records, never thrown.
 */
public final class EndpointRun {
    /** What a run produced; {@link #describe} turns it into endpoint.json. */
    public record Outcome(List<Target> targets, PromptSet prompts, LoadPlan plan, GenerationOptions generation,
                          List<RequestRecord> records, Map<String, ActiveWindow> windows, List<EndpointSummary> summaries,
                          List<String> warnings, List<String> failedEndpoints, String started, String finished) {

        public List<RequestRecord> measured() {
            return records.stream().filter(r -> !r.warmup()).toList();
        }

        public EndpointRunInfo describe(List<String> arguments) {
            return new EndpointRunInfo(EndpointRunInfo.KIND, started, finished, arguments, targets.stream().map(Target::info).toList(),
                    settings(), warnings, summaries);
        }

        public EndpointSettings settings() {
            return new EndpointSettings(plan.mode().label(), plan.levels().stream().map(LoadPlan::label).toList(), plan.schedule().label(),
                    generation.stream(), generation.maxTokens(), generation.temperature(), generation.seed(),
                    generation.timeout().toMillis() / 1000.0, generation.ignoreEos(), plan.warmup(), plan.iterations(), plan.requestsPerLevel(),
                    plan.duration() == null ? Double.NaN : plan.duration().toMillis() / 1000.0, plan.burstiness(), plan.seed(),
                    prompts.name(), prompts.prompts().size(), plan.slo(), generation.maxResponseBytes(), plan.maxInFlight());
        }

        /** jmh.json: one record per endpoint × level × metric. */
        public String jmhJson() {
            Map<String, Map<String, String>> params = new LinkedHashMap<>();
            for (Target t : targets) {
                Map<String, String> p = new LinkedHashMap<>();
                p.put("model", t.model());
                p.put("api", t.api().label());
                p.put("prompts", prompts.name());
                p.put("maxTokens", String.valueOf(generation.maxTokens()));
                p.put("stream", String.valueOf(generation.stream()));
                params.put(t.name(), p);
            }
            return JmhRecords.json(measured(), windows, params, plan.slo());
        }
    }

    private static final Duration MODEL_LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private EndpointRun() {
    }

    public static Outcome run(List<Target> configured, PromptSet prompts, LoadPlan plan, GenerationOptions generation,
                              Function<String, String> environment, PrintStream out, boolean terminal) {
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<EndpointClient> clients = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Target t : configured) clients.add(new EndpointClient(t, generation, environment)); // a missing key fails here, before any request
        try {
            for (int i = 0; i < clients.size(); i++) {
                EndpointClient c = clients.get(i);
                if (c.target().model() == null) {
                    EndpointClient resolved = new EndpointClient(c.target().withModel(discoverModel(c, warnings)), generation, environment);
                    c.close();
                    clients.set(i, resolved);
                }
            }
            List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>());
            Map<String, ActiveWindow> windows = new ConcurrentHashMap<>();
            long origin = System.nanoTime();
            try (Progress progress = new Progress(out, clients.stream().map(c -> c.target().name()).toList(), terminal)) {
                List<LoadRunner> runners = clients.stream().map(c -> new LoadRunner(c, origin, r -> {
                    records.add(r);
                    progress.record(r);
                })).toList();
                try {
                    warmUp(runners, clients, prompts, plan, generation, progress);
                    for (double level : plan.levels()) runLevel(level, runners, clients, prompts, plan, progress, windows);
                } finally {
                    runners.forEach(LoadRunner::close);
                }
            }
            List<Target> targets = clients.stream().map(EndpointClient::target).toList();
            List<String> order = Target.names(targets);
            List<String> levelOrder = plan.levels().stream().map(LoadPlan::label).toList();
            List<RequestRecord> sorted = new ArrayList<>(records);
            sorted.sort(Comparator.comparing((RequestRecord r) -> !r.warmup()).thenComparingInt(r -> levelOrder.indexOf(r.level()))
                    .thenComparingInt(r -> order.indexOf(r.endpoint())).thenComparingInt(RequestRecord::index));
            List<RequestRecord> measured = sorted.stream().filter(r -> !r.warmup()).toList();
            List<EndpointSummary> summaries = Summaries.of(measured, windows, plan.slo());
            List<String> failed = failedEndpoints(order, measured, warnings);
            scheduleLagWarnings(plan, summaries, warnings);
            return new Outcome(targets, prompts, plan, generation, sorted, windows, summaries, warnings, failed, started,
                    OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        } finally {
            clients.forEach(EndpointClient::close);
        }
    }

    private static String discoverModel(EndpointClient c, List<String> warnings) {
        try {
            List<EndpointClient.Model> models = c.models(MODEL_LOOKUP_TIMEOUT);
            if (!models.isEmpty()) return models.get(0).id();
            warnings.add(c.target().name() + ": GET /v1/models listed no model; sending model \"default\" (give --model or model: to choose).");
        } catch (IOException e) {
            warnings.add(c.target().name() + ": GET /v1/models failed (" + e.getMessage() + "); sending model \"default\".");
        }
        return "default";
    }

    private static void warmUp(List<LoadRunner> runners, List<EndpointClient> clients, PromptSet prompts, LoadPlan plan,
                               GenerationOptions generation, Progress progress) {
        if (plan.warmup() == 0) return;
        progress.level("warm-up");
        String first = LoadPlan.label(plan.levels().get(0));
        for (int i = 0; i < runners.size(); i++) {
            List<LoadRunner.Job> jobs = jobs(prompts, plan.warmup());
            long bound = System.nanoTime() + generation.timeout().toNanos() * (plan.warmup() + 1);
            runners.get(i).closedLoop(new LoadRunner.Context(clients.get(i).target().name(), plan.mode().label(), first, true), jobs, 1, bound);
        }
        progress.endLevel();
    }

    private static void runLevel(double level, List<LoadRunner> runners, List<EndpointClient> clients, PromptSet prompts, LoadPlan plan,
                                 Progress progress, Map<String, ActiveWindow> windows) {
        String label = LoadPlan.label(level);
        progress.level(EndpointSettings.levelLabel(plan.mode().label(), label));
        List<LoadRunner.Job> jobs = jobs(prompts, plan.requestsPerLevel());
        long deadline = System.nanoTime() + (plan.duration() == null ? Duration.ofDays(365) : plan.duration()).toNanos();
        List<ArrivalSchedule> arrivals = clients.stream().map(c -> new ArrivalSchedule(level, plan.burstiness(), plan.seed())).toList();
        if (plan.schedule() == Schedule.PARALLEL) {
            ExecutorService pool = Executors.newFixedThreadPool(runners.size());
            try {
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (int e = 0; e < runners.size(); e++) {
                    int endpoint = e;
                    all.add(CompletableFuture.runAsync(() -> step(endpoint, jobs, level, label, runners, clients, arrivals, plan, deadline, windows), pool));
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            } finally {
                pool.shutdownNow();
            }
        } else {
            int size = plan.stepSize(level);
            for (int from = 0; from < jobs.size() && System.nanoTime() - deadline < 0; from += size) {
                List<LoadRunner.Job> step = jobs.subList(from, Math.min(jobs.size(), from + size));
                for (int e = 0; e < runners.size(); e++) step(e, step, level, label, runners, clients, arrivals, plan, deadline, windows);
            }
        }
        progress.endLevel();
    }

    private static void step(int e, List<LoadRunner.Job> jobs, double level, String label, List<LoadRunner> runners, List<EndpointClient> clients,
                             List<ArrivalSchedule> arrivals, LoadPlan plan, long deadline, Map<String, ActiveWindow> windows) {
        String name = clients.get(e).target().name();
        LoadRunner.Context ctx = new LoadRunner.Context(name, plan.mode().label(), label, false);
        double[] interval = switch (plan.mode()) {
            case SEQUENTIAL -> runners.get(e).closedLoop(ctx, jobs, 1, deadline);
            case CONCURRENT -> runners.get(e).closedLoop(ctx, jobs, (int) level, deadline);
            case RATE -> runners.get(e).openLoop(ctx, jobs, arrivals.get(e), plan.maxInFlight(), deadline);
        };
        windows.computeIfAbsent(Summaries.key(name, label), k -> new ActiveWindow()).add(interval[0], interval[1]);
    }

    /** {@code count} jobs cycling through the prompts in order. */
    static List<LoadRunner.Job> jobs(PromptSet prompts, int count) {
        List<LoadRunner.Job> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) jobs.add(new LoadRunner.Job(i, prompts.prompts().get(i % prompts.prompts().size())));
        return jobs;
    }

    private static List<String> failedEndpoints(List<String> order, List<RequestRecord> measured, List<String> warnings) {
        List<String> failed = new ArrayList<>();
        for (String name : order) {
            List<RequestRecord> mine = measured.stream().filter(r -> r.endpoint().equals(name)).toList();
            if (mine.isEmpty() || mine.stream().anyMatch(RequestRecord::ok)) continue;
            failed.add(name);
            Map<String, Long> classes = mine.stream().collect(Collectors.groupingBy(RequestRecord::errorClass, Collectors.counting()));
            String top = classes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            String example = mine.stream().filter(r -> r.errorClass().equals(top)).findFirst().map(RequestRecord::error).orElse("");
            warnings.add(name + " failed every one of its " + mine.size() + " measured requests (mostly " + top + ": " + example + ").");
        }
        return failed;
    }

    /** Open loop: a client that sends late hides server latency (coordinated omission), so say when it fell behind. */
    private static void scheduleLagWarnings(LoadPlan plan, List<EndpointSummary> summaries, List<String> warnings) {
        if (plan.mode() != LoadMode.RATE) return;
        for (EndpointSummary s : summaries) {
            if (!s.isAll()) continue;
            double meanGapMs = 1000 / Double.parseDouble(s.level());
            if (s.scheduleLag().p99() > 0.1 * meanGapMs) {
                warnings.add(String.format(java.util.Locale.ROOT, "%s at %s req/s: schedule lag p99 %.1f ms exceeds 10%% of the mean inter-arrival time (%.1f ms): "
                        + "the client could not keep up, so the load was lighter than asked.", s.endpoint(), s.level(), s.scheduleLag().p99(), meanGapMs));
            }
        }
    }
}
