package org.llmbench.conversation;

import org.llmbench.endpoint.ChatClient;

import java.io.IOException;
import java.time.Duration;

/**
 * A server's cumulative prefix-cache counters from its Prometheus /metrics, in tokens: vLLM's
 * {@code vllm:prefix_cache_hits} / {@code vllm:prefix_cache_queries} (with or without {@code _total},
 * {@code gpu_} in some versions) and serve's {@code llmbench_prefix_cache_hits_total} /
 * {@code ..._queries_total}, summed over label sets. A turn's cached tokens are the hits counted
 * between a scrape before it and one after it: right only while nothing else uses the server.
 */
record PrefixCacheCounters(double hits, double queries) {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String HITS = "(vllm:(gpu_)?|llmbench_)prefix_cache_hits(_total)?", QUERIES = "(vllm:(gpu_)?|llmbench_)prefix_cache_queries(_total)?";

    /** The counters, or null when the text has no prefix-cache hit counter. */
    static PrefixCacheCounters parse(String text) {
        double hits = 0, queries = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            int brace = l.indexOf('{'), space = l.indexOf(' ');
            int end = brace >= 0 && (space < 0 || brace < space) ? brace : space;
            if (end <= 0) continue;
            String name = l.substring(0, end);
            boolean isHits = name.matches(HITS), isQueries = name.matches(QUERIES);
            if (!isHits && !isQueries) continue;
            String rest = brace == end ? l.substring(l.indexOf('}', end) + 1).strip() : l.substring(end).strip();
            double value;
            try {
                value = Double.parseDouble(rest.split("\\s+")[0]);
            } catch (RuntimeException e) {
                continue;
            }
            if (isHits) {
                hits += value;
                found = true;
            } else {
                queries += value;
            }
        }
        return found ? new PrefixCacheCounters(hits, queries) : null;
    }

    /** Scrapes GET /metrics; null when the server offers none or no prefix-cache counter. */
    static PrefixCacheCounters scrape(ChatClient client) {
        try {
            return parse(client.get("/metrics", TIMEOUT, 16 << 20));
        } catch (IOException e) {
            return null;
        }
    }
}
