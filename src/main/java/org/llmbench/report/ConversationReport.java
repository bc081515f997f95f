package org.llmbench.report;

import org.llmbench.results.ConversationResults;
import org.llmbench.results.ConversationRunInfo;
import org.llmbench.results.ConversationRunInfo.ConfigurationInfo;
import org.llmbench.results.ConversationSummary;
import org.llmbench.results.TurnRecord;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The conversation part of a report, for every conversation session among the inputs (a folder
 * holding conversation.json): system, configurations, summary, per conversation, warm against cold
 * turn by turn, the RAG removal turns on their own, failures, charts and definitions.
 */
public final class ConversationReport {
    private final List<ConversationView> views = new ArrayList<>();

    private ConversationReport() {
    }

    public static ConversationReport of(ResultSet set) {
        ConversationReport report = new ConversationReport();
        for (Path source : set.sources) {
            Path dir = source.toAbsolutePath().getParent();
            if (ConversationResults.isSession(dir)) {
                try {
                    report.views.add(new ConversationView(ConversationResults.read(dir)));
                } catch (RuntimeException e) {
                    set.notes.add("conversation results in " + dir + " skipped: " + e.getMessage());
                }
            }
        }
        return report;
    }

    public boolean isEmpty() {
        return views.isEmpty();
    }

    public List<Charts.Png> charts(List<String> notes) {
        List<Charts.Png> out = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            String prefix = views.size() == 1 ? "" : "run" + (i + 1) + "-";
            for (Charts.Png p : ConversationCharts.draw(views.get(i), notes)) out.add(new Charts.Png(prefix + p.file(), p.title(), p.bytes()));
        }
        return out;
    }

    /** @param alone the report holds only served results: this part starts the document */
    public void appendTo(Doc doc, Map<String, String> charts, boolean alone) {
        int level;
        if (alone) {
            doc.h(1, "llmbench conversation report");
            doc.p("Generated " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + " from "
                    + views.stream().map(v -> "`" + v.run.folder() + "`").collect(Collectors.joining(", ")) + ".");
            level = 2;
        } else {
            doc.h(2, "Conversation benchmarks");
            level = 3;
        }
        for (int i = 0; i < views.size(); i++) {
            ConversationView v = views.get(i);
            if (views.size() > 1) doc.h(level, "Run " + (i + 1) + ": " + v.run.folder().getFileName());
            int h = views.size() > 1 ? level + 1 : level;
            summary(doc, h, v);
            system(doc, h, v);
            configurations(doc, h, v);
            perConversation(doc, h, v);
            turnByTurn(doc, h, v);
            removals(doc, h, v);
            failures(doc, h, v);
            String prefix = views.size() == 1 ? "" : "run" + (i + 1) + "-";
            List<Map.Entry<String, String>> mine = charts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + "conversation-")).toList();
            if (!mine.isEmpty()) {
                doc.h(h, "Charts");
                mine.forEach(e -> doc.image(e.getValue(), e.getKey()));
            }
        }
        doc.h(level, "How to read these numbers");
        doc.bullets(DEFINITIONS);
    }

    private static void summary(Doc doc, int h, ConversationView v) {
        ConversationRunInfo info = v.info();
        doc.h(h, "Summary");
        List<String> b = new ArrayList<>();
        b.add("Endpoint " + info.url() + " (chat API), conversations: " + info.conversations() + "; runs: " + String.join(" then ", info.runs())
                + " (cold = the warm requests, each with a unique salt at the start of its first message).");
        b.add("max_tokens " + (info.maxTokensOverride() != null ? info.maxTokensOverride() + " for every turn" : "from the files (default " + info.defaultMaxTokens() + ")")
                + (Double.isFinite(info.temperature()) ? "; temperature " + Fmt.num(info.temperature()) : "") + (info.seed() != null ? "; seed " + info.seed() : "")
                + (info.ignoreEos() ? "; ignore_eos" : "") + "; timeout " + Fmt.num(info.timeoutSeconds()) + " s per turn; cached tokens from " + info.cacheSourceOption() + ".");
        b.add(info.configurations().size() + " configuration(s), " + info.configurations().stream().filter(ConfigurationInfo::failed).count()
                + " failed; from " + info.started() + " to " + info.finished() + ".");
        for (String c : v.configurations()) headline(v, c).ifPresent(b::add);
        info.warnings().forEach(w -> b.add("**Warning:** " + w));
        doc.bullets(b);
    }

    /**
     * "cache-on: turns after the first without RAG events, warm TTFT mean 120 ms against cold 480 ms (75% saved); warm hit rate 82%." The first turns
     * and the turns with RAG events are left out: their misses are by design (they are in the tables).
     */
    private static Optional<String> headline(ConversationView v, String configuration) {
        List<TurnRecord> warm = later(v, configuration, TurnRecord.WARM), cold = later(v, configuration, TurnRecord.COLD);
        if (warm.isEmpty()) return Optional.empty();
        double w = meanTtft(warm), c = meanTtft(cold);
        List<TurnRecord> known = v.run.turns().stream().filter(t -> t.configuration().equals(configuration) && t.run().equals(TurnRecord.WARM)
                && t.ok() && !Double.isNaN(t.hitRate())).toList();
        double hit = known.isEmpty() ? Double.NaN : known.stream().mapToLong(TurnRecord::cachedTokens).sum() / (double) known.stream().mapToLong(TurnRecord::contextTokens).sum();
        return Optional.of("**" + configuration + "**: turns after the first without RAG events, warm TTFT mean " + Fmt.num(w) + " ms"
                + (cold.isEmpty() ? "" : " against cold " + Fmt.num(c) + " ms (cold − warm: " + saved(c, w) + " of cold)")
                + "; warm cache hit rate over all turns " + (Double.isNaN(hit) ? "unknown" : String.format(Locale.ROOT, "%.0f%%", 100 * hit)) + ".");
    }

    private static List<TurnRecord> later(ConversationView v, String configuration, String run) {
        return v.run.turns().stream().filter(t -> t.configuration().equals(configuration) && t.run().equals(run) && t.turn() > 1 && t.event().isEmpty()
                && t.ok()).toList();
    }

    private static double meanTtft(List<TurnRecord> turns) {
        return turns.stream().mapToDouble(t -> t.request().ttftMs()).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    private static String saved(double cold, double warm) {
        if (!Double.isFinite(cold) || !Double.isFinite(warm) || cold <= 0) return Fmt.NONE;
        return String.format(Locale.ROOT, "%.0f%%", 100 * (cold - warm) / cold);
    }

    private static void system(Doc doc, int h, ConversationView v) {
        ConversationRunInfo.SystemInfo s = v.info().system();
        if (s == null) return;
        doc.h(h, "System");
        doc.bullets(List.of("CPU: " + s.cpu() + " (" + s.cores() + " cores), memory " + Fmt.num(s.memoryBytes() / (double) (1L << 30)) + " GiB; " + s.os() + "; JDK " + s.jdk()
                        + (s.llmbench() != null ? "; llmbench " + s.llmbench() : "") + ".",
                "GPUs: " + (s.gpus().isEmpty() ? "none seen (" + s.gpuNote() + ")" : String.join(", ", s.gpus())) + "."));
    }

    private static void configurations(Doc doc, int h, ConversationView v) {
        doc.h(h, "Configurations");
        List<List<String>> rows = new ArrayList<>();
        for (ConfigurationInfo c : v.info().configurations()) {
            rows.add(List.of(c.name(), c.status(), c.command() == null ? "(already running)" : "`" + c.command() + "`", Fmt.num(c.startupSeconds()),
                    c.peakRssBytes() > 0 ? Fmt.mib(c.peakRssBytes()) : Fmt.NONE, str(c.model()),
                    c.contextSize() == null ? Fmt.NONE : c.contextSize() + " (" + c.contextSource() + ")", str(c.serverVersion()), str(c.stop())));
        }
        doc.table(List.of("configuration", "status", "command", "startup s", "peak RSS", "model", "context tokens", "server version", "stopped"), rows);
        List<String> notes = new ArrayList<>();
        List<ConfigurationInfo> configs = v.info().configurations();
        boolean sameSkips = configs.size() > 1 && configs.stream().allMatch(c -> c.skipped().equals(configs.get(0).skipped()));
        if (sameSkips) configs.get(0).skipped().forEach(s -> notes.add("every configuration: skipped " + s.conversation() + ": " + s.reason() + "."));
        for (ConfigurationInfo c : configs) {
            if (c.tokenModel() != null) notes.add(c.name() + ": tokens " + c.tokenModel() + ".");
            if (c.failed()) {
                notes.add("**" + c.name() + " failed:** " + c.failure() + (c.exitCode() != null ? " (exit code " + c.exitCode() + ")" : "") + "."
                        + (c.lastStderr().isEmpty() ? "" : " Last stderr lines: " + c.lastStderr().stream().map(l -> "`" + l.replace("`", "'") + "`").collect(Collectors.joining(" / "))));
            }
            if (!sameSkips) for (ConversationRunInfo.Skipped s : c.skipped()) notes.add(c.name() + ": skipped " + s.conversation() + ": " + s.reason() + ".");
            if (!c.logs().isEmpty()) notes.add(c.name() + ": server output in " + String.join(" and ", c.logs()) + ".");
        }
        if (!notes.isEmpty()) doc.bullets(notes);
        doc.p("Startup = from starting the command to the first healthy answer (the model's load time). Peak RSS = the sum, over the server's process tree, "
                + "of each process's resident-set peak (VmHWM from /proc), read while it ran.");
    }

    private static void perConversation(Doc doc, int h, ConversationView v) {
        doc.h(h, "Per conversation");
        if (v.info().summaries().isEmpty()) {
            doc.p("No conversation ran (see Configurations).");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ConversationSummary s : v.info().summaries()) {
            rows.add(List.of(s.configuration(), s.conversation(), s.run(), s.succeeded() + "/" + s.turns(), Fmt.num(s.ttftMeanMs()), Fmt.num(s.firstTurnTtftMs()),
                    Fmt.num(s.laterTurnsTtftMeanMs()), Fmt.num(s.tpotMeanMs()), Fmt.num(s.e2eMeanMs()), Fmt.num(s.outputTokensPerSecond()),
                    s.maxContextTokens() < 0 ? "unknown" : String.valueOf(s.maxContextTokens()), hit(s.hitRate(), s.cachedSource()),
                    Fmt.num(s.ttftPer1kContextMs()), s.stoppedAt().isEmpty() ? "" : s.stoppedAt()));
        }
        doc.table(List.of("configuration", "conversation", "run", "turns ok", "TTFT mean", "TTFT turn 1", "TTFT later turns", "TPOT mean", "E2E mean",
                "out tok/s", "max context", "hit rate", "TTFT ms per 1K context", "stopped"), rows);
        doc.p("Latencies in ms, means over successful turns; out tok/s = Σ output tokens / Σ E2E; TTFT per 1K context = least-squares slope of TTFT against context tokens.");
    }

    private static void turnByTurn(Doc doc, int h, ConversationView v) {
        if (v.conversations().isEmpty()) return;
        doc.h(h, "Turn by turn: warm against cold");
        for (String conv : v.conversations()) {
            String events = v.events(conv);
            doc.h(h + 1, conv + (events.isEmpty() ? "" : " (" + events + ")"));
            List<List<String>> rows = new ArrayList<>();
            for (String c : v.configurations()) {
                for (TurnRecord w : v.turns(c, conv, TurnRecord.WARM)) {
                    Optional<TurnRecord> cold = v.turn(c, conv, TurnRecord.COLD, w.turn());
                    double coldTtft = cold.map(t -> t.request().ttftMs()).orElse(Double.NaN);
                    rows.add(List.of(c, String.valueOf(w.turn()), w.event(), count(w.contextTokens()), count(w.newTokens()), count(w.cachedTokens()) + " (" + w.cachedSource() + ")",
                            hit(w.hitRate(), null), Fmt.num(w.request().ttftMs()), Fmt.num(coldTtft), savedMs(coldTtft, w.request().ttftMs()),
                            cold.map(t -> count(t.cachedTokens())).orElse(Fmt.NONE), Fmt.num(w.request().tpotMs()), String.valueOf(w.request().outputTokens()),
                            Fmt.num(w.request().e2eMs()), w.ok() ? "" : w.request().errorClass()));
                }
                if (v.turns(c, conv, TurnRecord.WARM).isEmpty()) { // a cold-only run
                    for (TurnRecord t : v.turns(c, conv, TurnRecord.COLD)) {
                        rows.add(List.of(c, String.valueOf(t.turn()), t.event(), count(t.contextTokens()), count(t.newTokens()), Fmt.NONE, Fmt.NONE, Fmt.NONE,
                                Fmt.num(t.request().ttftMs()), Fmt.NONE, count(t.cachedTokens()), Fmt.num(t.request().tpotMs()), String.valueOf(t.request().outputTokens()),
                                Fmt.num(t.request().e2eMs()), t.ok() ? "" : t.request().errorClass()));
                    }
                }
            }
            doc.table(List.of("configuration", "turn", "event", "context", "new", "cached warm", "hit warm", "TTFT warm", "TTFT cold", "saved",
                    "cached cold", "TPOT warm", "output tokens", "E2E warm", "failed"), rows);
        }
        doc.p("Context = prompt tokens of the request (usage); new = context − what the latest earlier request and its answer make reusable; saved = cold − warm TTFT "
                + "(and its share of cold). Times in ms.");
    }

    private static void removals(Doc doc, int h, ConversationView v) {
        List<TurnRecord> removals = v.run.turns().stream().filter(t -> t.removesDocuments() && t.run().equals(TurnRecord.WARM)).toList();
        if (removals.isEmpty()) return;
        doc.h(h, "RAG: the turn after documents were removed");
        List<List<String>> rows = new ArrayList<>();
        for (TurnRecord t : removals) {
            Optional<TurnRecord> before = v.turn(t.configuration(), t.conversation(), TurnRecord.WARM, t.turn() - 1);
            Optional<TurnRecord> cold = v.turn(t.configuration(), t.conversation(), TurnRecord.COLD, t.turn());
            rows.add(List.of(t.configuration(), t.conversation(), String.valueOf(t.turn()), t.event(), count(t.contextTokens()),
                    before.map(b -> count(b.contextTokens())).orElse(Fmt.NONE), count(t.reusableTokens()), count(t.cachedTokens()) + " (" + t.cachedSource() + ")",
                    hit(t.hitRate(), null), Fmt.num(t.request().ttftMs()), before.map(b -> Fmt.num(b.request().ttftMs())).orElse(Fmt.NONE),
                    cold.map(c -> Fmt.num(c.request().ttftMs())).orElse(Fmt.NONE)));
        }
        doc.table(List.of("configuration", "conversation", "turn", "event", "context", "context before", "reusable", "cached", "hit", "TTFT",
                "TTFT previous turn", "TTFT cold"), rows);
        doc.p("Removing documents rewrites the message they were injected into, so a prefix cache can reuse only what comes before them (\"reusable\": the "
                + "earlier turn whose request and answer this one repeats). This turn's cache miss is the point of the scenario; it is not part of any other figure's story.");
    }

    private static void failures(Doc doc, int h, ConversationView v) {
        List<TurnRecord> failed = v.run.turns().stream().filter(t -> !t.ok()).toList();
        doc.h(h, "Failures");
        if (failed.isEmpty() && v.info().configurations().stream().noneMatch(ConfigurationInfo::failed)) {
            doc.p("None: every configuration ran and every turn succeeded.");
            return;
        }
        if (failed.isEmpty()) {
            doc.p("No turn failed; failed configurations are listed under Configurations.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (TurnRecord t : failed) {
            rows.add(List.of(t.configuration(), t.conversation(), t.run(), String.valueOf(t.turn()), t.request().errorClass(), t.request().error()));
        }
        doc.table(List.of("configuration", "conversation", "run", "turn", "class", "message"), rows);
        doc.p("A failed turn ends its conversation run: later turns would need its answer.");
    }

    private static String count(int n) {
        return n < 0 ? "unknown" : String.valueOf(n);
    }

    private static String hit(double rate, String source) {
        if (Double.isNaN(rate)) return "unknown";
        return String.format(Locale.ROOT, "%.0f%%", 100 * rate) + (source == null ? "" : " (" + source + ")");
    }

    private static String savedMs(double cold, double warm) {
        if (!Double.isFinite(cold) || !Double.isFinite(warm)) return Fmt.NONE;
        return Fmt.num(cold - warm) + " (" + saved(cold, warm) + ")";
    }

    private static String str(String s) {
        return s == null || s.isEmpty() ? Fmt.NONE : s;
    }

    static final List<String> DEFINITIONS = List.of(
            "Each turn sends the whole history: the system message, every earlier user message with the server's real answer after it, and this turn's message. RAG documents injected before a turn sit at the start of that turn's user message until they are removed.",
            "Warm = the conversation as a client sends it. Cold = the same requests (the warm run's answers in the history), each with a new random salt at the start of its first message, so no earlier prefix matches; only the chat template's tokens before the salt can still be cached (one block of 16 on serve's byte-level tokenizer).",
            "Cached tokens come from the first source the server offers: usage.prompt_tokens_details.cached_tokens (OpenAI, vLLM, serve), llama.cpp's timings (cache_n, or prompt tokens − prompt_n), or the rise of its Prometheus prefix-cache hit counter between scrapes before and after the turn (right only while nothing else uses the server). \"unknown\" where none is offered, never 0.",
            "Hit rate = cached / context tokens of a turn; over a run, Σ cached / Σ context.",
            "Reusable = context + output tokens of the latest earlier turn whose request and answer this request repeats message by message; new = context − reusable. Approximate: the template adds tokens after an answer, and an answer may re-tokenize differently (serve's synthetic models print generated ids as text such as \" t1234\").",
            "TTFT = from sending to the first streamed chunk with content; TPOT = (E2E − TTFT) / (output tokens − 1); E2E = to the end of the answer. Timestamps are System.nanoTime() on the thread reading the stream.",
            "jmh.json (report, compare, check): per configuration × warm/cold, TTFT, TPOT, ITL and E2E with each turn a shot, and turns/s and output tokens/s over the turns' summed E2E time; the turns are dealt round robin into up to 5 groups as check's forks.");
}
