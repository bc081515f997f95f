package org.llmbench.conversation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Prefix-cache counters from Prometheus text as vLLM (several versions) and serve write it. */
class PrefixCacheCountersTest {
    @Test
    void vllmCountersAreSummedOverLabelsAndCreatedTimestampsIgnored() {
        String text = """
                # HELP vllm:prefix_cache_queries Prefix cache queries, in terms of number of queried tokens.
                # TYPE vllm:prefix_cache_queries counter
                vllm:prefix_cache_queries_total{engine="0",model_name="m"} 1200.0
                vllm:prefix_cache_queries_created{engine="0",model_name="m"} 1.7e9
                vllm:prefix_cache_hits_total{engine="0",model_name="m"} 800.0
                vllm:prefix_cache_hits_total{engine="1",model_name="m"} 100.0
                vllm:prefix_cache_hits_created{engine="0",model_name="m"} 1.7e9
                vllm:num_requests_running{model_name="m"} 0.0
                """;
        assertEquals(new PrefixCacheCounters(900, 1200), PrefixCacheCounters.parse(text));
        assertEquals(new PrefixCacheCounters(5, 7), PrefixCacheCounters.parse("vllm:gpu_prefix_cache_hits 5\nvllm:gpu_prefix_cache_queries 7\n"));
    }

    @Test
    void serveCountersAndAbsentOnes() {
        String serve = "# TYPE llmbench_prefix_cache_hits_total counter\nllmbench_prefix_cache_hits_total 64\nllmbench_prefix_cache_queries_total 120\n";
        assertEquals(new PrefixCacheCounters(64, 120), PrefixCacheCounters.parse(serve));
        assertNull(PrefixCacheCounters.parse("llama_tokens_predicted_total 10\nvllm:gpu_prefix_cache_hit_rate 0.5\n"), "no counter of hits in tokens: none");
    }
}
