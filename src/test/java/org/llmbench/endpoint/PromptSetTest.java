package org.llmbench.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.LlmbenchException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class PromptSetTest {
    @Test
    void theSuiteHoldsTwoPromptsPerLengthAndComplexityOverTenCategories() {
        PromptSet suite = PromptSet.suite();
        assertEquals(18, suite.prompts().size());
        Map<String, Long> cells = suite.prompts().stream().collect(Collectors.groupingBy(p -> p.length() + "/" + p.complexity(), Collectors.counting()));
        assertEquals(9, cells.size());
        cells.forEach((cell, n) -> assertEquals(2, n, cell));
        Set<String> categories = suite.prompts().stream().map(Prompt::category).collect(Collectors.toSet());
        assertTrue(categories.containsAll(Set.of("factual_qa", "coding", "analysis", "creative_writing", "summarisation", "maths",
                "reasoning", "translation", "instructions", "dialogue")), categories.toString());
        assertEquals(18, suite.prompts().stream().map(Prompt::id).distinct().count(), "ids are unique");
        for (Prompt p : suite.prompts()) {
            int words = p.text().trim().split("\\s+").length;
            switch (p.length()) {
                case "short" -> assertTrue(words < 60, p.id() + ": " + words + " words");
                case "medium" -> assertTrue(words >= 100 && words < 300, p.id() + ": " + words + " words");
                case "long" -> assertTrue(words >= 350, p.id() + ": " + words + " words");
                default -> fail(p.id() + " has length " + p.length());
            }
        }
    }

    @Test
    void aUsersFileNeedsOnlyPrompt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mine.jsonl");
        Files.writeString(f, "{\"prompt\": \"Hello there\"}\n\n{\"id\": \"x\", \"prompt\": \"" + "word ".repeat(150) + "\", \"complexity\": \"hard\", \"max_tokens\": 12}\n");
        PromptSet set = PromptSet.file(f);
        assertEquals("mine.jsonl", set.name());
        assertEquals(2, set.prompts().size());
        assertEquals("prompt-1", set.prompts().get(0).id());
        assertEquals("short", set.prompts().get(0).length());
        assertEquals("unspecified", set.prompts().get(0).category());
        assertEquals("medium", set.prompts().get(1).length(), "150 words");
        assertEquals(12, set.prompts().get(1).maxTokens());
        Files.writeString(f, "{\"promt\": \"typo\"}\n");
        String m = assertThrows(LlmbenchException.class, () -> PromptSet.file(f)).getMessage();
        assertTrue(m.contains("line 1: unknown field 'promt'; valid fields are id, length, complexity, category, prompt, max_tokens"), m);
        Files.writeString(f, "not json\n");
        m = assertThrows(LlmbenchException.class, () -> PromptSet.file(f)).getMessage();
        assertTrue(m.contains("line 1 is not valid JSON"), m);
    }

    @Test
    void syntheticPromptsAreSeededTokenIdsAndWordsOfTheAskedLength() {
        PromptSet a = PromptSet.synthetic("64:16", 3, 5), b = PromptSet.synthetic("64:16", 3, 5);
        assertEquals("synthetic 64:16", a.name());
        for (int i = 0; i < 3; i++) {
            Prompt p = a.prompts().get(i);
            assertEquals(64, p.tokenIds().length);
            assertEquals(64, p.text().split(" ").length);
            assertEquals(16, p.maxTokens());
            assertTrue(Arrays.stream(p.tokenIds()).allMatch(id -> id >= 1000 && id < 30_000));
            assertArrayEquals(p.tokenIds(), b.prompts().get(i).tokenIds(), "same seed, same prompts");
        }
        assertFalse(Arrays.equals(a.prompts().get(0).tokenIds(), a.prompts().get(1).tokenIds()), "distinct prompts");
        String m = assertThrows(LlmbenchException.class, () -> PromptSet.synthetic("512", 1, 1)).getMessage();
        assertTrue(m.contains("--synthetic '512' is invalid; give IN:OUT"), m);
    }
}
