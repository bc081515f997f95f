package org.llmbench.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RequestCsvTest {
    @Test
    void everyFieldSurvivesAWriteAndARead() {
        RequestRecord ok = new RequestRecord("vllm", "concurrent", "4", false, 3, "p-1", "short", "simple", "factual_qa",
                100.5, 101.25, 40.125, 140.0, new double[]{10, 20.5, 30}, new int[]{1, 2, 1, 3}, 4, 12, 7, "usage", 8, "stop", 200, "", "");
        RequestRecord failed = new RequestRecord("nim", "concurrent", "4", true, 0, "p-2", "long", "complex", "coding",
                0, 0.5, Double.NaN, 1500, new double[0], new int[0], 0, -1, 0, "chunks", -1, "", 500, "http_status",
                "HTTP 500: \"oops\", line one\nline two");
        List<RequestRecord> back = RequestCsv.read(RequestCsv.write(List.of(ok, failed)), "test");
        assertEquals(2, back.size());
        RequestRecord a = back.get(0), b = back.get(1);
        assertEquals(ok.endpoint(), a.endpoint());
        assertEquals(ok.sentMs(), a.sentMs(), 1e-9);
        assertEquals(ok.ttftMs(), a.ttftMs(), 1e-9);
        assertArrayEquals(ok.itlMs(), a.itlMs(), 1e-9);
        assertArrayEquals(ok.chunkTokens(), a.chunkTokens());
        assertEquals(8, a.cachedTokens());
        assertEquals((140 - 40.125) / 6, a.tpotMs(), 1e-9);
        assertTrue(a.ok() && !a.warmup());
        assertTrue(b.warmup());
        assertFalse(b.ok());
        assertTrue(Double.isNaN(b.ttftMs()));
        assertEquals(-1, b.inputTokens());
        assertEquals(failed.error(), b.error(), "quotes, commas and line breaks survive");
    }

    @Test
    void derivedTimesFollowTheRecord() {
        RequestRecord r = new RequestRecord("e", "rate", "2", false, 0, "p", "short", "simple", "c",
                1000, 1003, 50, 80, new double[]{10, 10, 10}, new int[0], 4, 5, 9, "usage", -1, "stop", 200, "", "");
        assertEquals(3, r.scheduleLagMs(), 1e-12);
        assertArrayEquals(new double[]{1053, 1063, 1073, 1083}, r.chunkTimesMs(), 1e-9);
        assertArrayEquals(new double[]{2.25, 2.25, 2.25, 2.25}, r.tokensPerChunk(), 1e-12, "9 tokens over 4 chunks");
        assertEquals((80 - 50) / 8.0, r.tpotMs(), 1e-12);
    }
}
