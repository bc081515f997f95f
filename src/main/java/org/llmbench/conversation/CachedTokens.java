package org.llmbench.conversation;

import org.llmbench.LlmbenchException;
import org.llmbench.endpoint.ChatClient;
import org.llmbench.results.RequestRecord;
import org.llmbench.results.TurnRecord;

import java.util.Locale;

/**
 * Counts a turn's prompt tokens served from the server's cache, from the first source it offers:
 * usage.prompt_tokens_details.cached_tokens; llama.cpp's timings (cache_n, else prompt tokens
 * minus prompt_n, the tokens it evaluated); the difference of Prometheus prefix-cache hit
 * counters scraped before and after the turn. None: "unknown", never 0. In {@code auto} /metrics
 * is scraped only until a reply shows usage or timings counts, or the server shows it has none.
 */
final class CachedTokens {
    enum Source {
        AUTO, USAGE, TIMINGS, METRICS;

        static Source parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new LlmbenchException("--cache-source '" + s + "' is invalid; valid sources are auto, usage, timings, metrics.");
            }
        }
    }

    record Count(int tokens, String source) {
    }

    private final ChatClient client;
    private final Source option;
    private boolean scrape;

    CachedTokens(ChatClient client, Source option) {
        this.client = client;
        this.option = option;
        this.scrape = option == Source.AUTO || option == Source.METRICS;
    }

    /** The counters before a turn, or null when none are scraped. */
    PrefixCacheCounters before() {
        if (!scrape) return null;
        PrefixCacheCounters c = PrefixCacheCounters.scrape(client);
        if (c == null && option == Source.AUTO) scrape = false; // no /metrics, or no prefix-cache counter in it
        return c;
    }

    Count after(PrefixCacheCounters before, ChatClient.Reply reply) {
        RequestRecord r = reply.record();
        if (option == Source.AUTO || option == Source.USAGE) {
            if (r.cachedTokens() >= 0) return stopScraping(new Count(r.cachedTokens(), "usage"));
        }
        if (option == Source.AUTO || option == Source.TIMINGS) {
            if (reply.timingsCachedTokens() >= 0) return stopScraping(new Count(reply.timingsCachedTokens(), "timings"));
            if (reply.timingsPromptTokens() >= 0 && r.inputTokens() >= 0) {
                return stopScraping(new Count(Math.max(0, r.inputTokens() - reply.timingsPromptTokens()), "timings"));
            }
        }
        if (before != null) {
            PrefixCacheCounters now = PrefixCacheCounters.scrape(client);
            if (now != null && now.hits() >= before.hits()) return new Count((int) Math.round(now.hits() - before.hits()), "metrics");
        }
        return new Count(-1, TurnRecord.UNKNOWN);
    }

    private Count stopScraping(Count c) {
        if (option == Source.AUTO) scrape = false;
        return c;
    }
}
