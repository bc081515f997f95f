package org.llmbench.endpoint;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class AnswerParserTest {
    @Test
    void roleOnlyAndUsageOnlyChunksAreNotContent() throws Exception {
        AnswerParser a = new AnswerParser();
        a.onStreamEvent("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}", 100);
        a.onStreamEvent("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":null}]}", 150);
        a.onStreamEvent("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}", 200);
        a.onStreamEvent("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"lo\"}}]}", 300);
        a.onStreamEvent("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}", 350);
        a.onStreamEvent("{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"prompt_tokens_details\":{\"cached_tokens\":8}}}", 400);
        a.onStreamEvent("[DONE]", 450);
        assertArrayEquals(new long[]{200, 300}, a.chunkNanos());
        assertEquals(5, a.outputTokens());
        assertEquals(12, a.promptTokens);
        assertEquals(8, a.cachedTokens);
        assertEquals("length", a.finishReason);
        assertEquals(0, a.chunkTokens().length, "usage only at the end: per-chunk counts unknown");
        assertTrue(a.done);
    }

    @Test
    void withoutUsageOutputTokensAreContentChunks() throws Exception {
        AnswerParser a = new AnswerParser();
        for (int i = 0; i < 4; i++) a.onStreamEvent("{\"choices\":[{\"text\":\"t" + i + "\",\"finish_reason\":null}]}", i);
        assertFalse(a.usageReported());
        assertEquals(4, a.outputTokens());
    }

    @Test
    void perChunkUsageGivesTokensPerChunk() throws Exception {
        AnswerParser a = new AnswerParser();
        a.onStreamEvent("{\"choices\":[{\"delta\":{\"content\":\"ab\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}", 1);
        a.onStreamEvent("{\"choices\":[{\"delta\":{\"content\":\"c\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3}}", 2);
        a.onStreamEvent("{\"choices\":[{\"delta\":{\"content\":\"def\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":6}}", 3);
        assertArrayEquals(new int[]{2, 1, 3}, a.chunkTokens());
    }

    @Test
    void brokenChunksAreMalformed() {
        AnswerParser a = new AnswerParser();
        assertThrows(AnswerParser.MalformedException.class, () -> a.onStreamEvent("{\"choices\": [ {", 1));
        assertThrows(AnswerParser.MalformedException.class, () -> a.onStreamEvent("[1,2]", 1));
        assertThrows(AnswerParser.MalformedException.class, () -> a.onStreamEvent("{\"id\":\"x\"}", 1));
        var e = assertThrows(AnswerParser.MalformedException.class, () -> a.onStreamEvent("{\"error\":{\"message\":\"overloaded\"}}", 1));
        assertTrue(e.getMessage().contains("overloaded"));
    }
}
