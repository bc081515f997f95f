package org.llmbench.conversation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.LlmbenchException;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The schema's reader on the shipped set and on broken files; the corpus and the long texts built from it. */
class ConversationFilesTest {
    @TempDir
    Path dir;

    @Test
    void theShippedSetIsTheIssuesScenariosAtTheirSizes() {
        List<Conversation> all = ConversationFiles.shipped();
        assertEquals(List.of("simple-qa", "code-review", "deep-technical", "rag-handbook", "ultra-long", "long-32k", "long-64k", "long-128k"),
                all.stream().map(Conversation::id).toList());
        for (Conversation c : all) {
            long estimate = TokenModel.ASSUMED.peakTokens(c, t -> c.maxTokens(t, 256));
            assertTrue(Math.abs(estimate - c.approxTokens()) <= 0.25 * c.approxTokens(), c.id() + ": approx_tokens " + c.approxTokens() + ", estimate " + estimate);
        }
        Conversation rag = all.get(3);
        assertEquals(6, rag.turns().size());
        assertEquals(List.of("travel-policy", "expense-policy", "remote-work-policy"), rag.turns().get(1).inject(), "injected before turn 2");
        assertEquals(rag.turns().get(1).inject(), rag.turns().get(4).remove(), "used for turns 2-4, removed before turn 5, two more turns");
        for (String id : List.of("long-32k", "long-64k", "long-128k")) {
            Conversation c = all.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            int window = Integer.parseInt(id.substring(5, id.length() - 1)) * 1024;
            long estimate = TokenModel.ASSUMED.peakTokens(c, t -> c.maxTokens(t, 256));
            assertTrue(estimate > 0.85 * window && estimate < 0.95 * window, id + " fills its window with headroom for tokenizer differences: " + estimate);
        }
    }

    @Test
    void theCorpusIsAsciiAndItsLongTextsAreDeterministic() throws Exception {
        try (InputStream in = Corpus.class.getResourceAsStream("corpus.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.chars().allMatch(ch -> ch < 128), "ASCII, so a generated text's length in bytes is its length in chars");
        }
        Corpus c = Corpus.shipped();
        assertTrue(c.paragraphCount() >= 30);
        String a = c.generate(50_000, 32), again = c.generate(50_000, 32), other = c.generate(50_000, 64);
        assertEquals(a, again);
        assertNotEquals(a.substring(0, 2000), other.substring(0, 2000), "another seed, another text from its first section on");
        assertTrue(a.length() <= 50_000 && a.length() > 49_000, "cut at a space just before the size: " + a.length());
        assertTrue(a.startsWith("Section 1. "));
        Text t = new Text(List.of(new Text.Literal("Read this: "), new Text.CorpusTokens(1000, 5)));
        assertEquals(11 + 4000, t.render(4.0).length(), 10, "1000 tokens at 4 bytes per token");
        assertEquals(11 / 4.0 + 1000, t.tokens(4.0), 1e-9);
    }

    @Test
    void aFolderOfFilesLoadsInNameOrderAndIdsMustBeUnique() throws Exception {
        Files.writeString(dir.resolve("b.json"), "{\"id\": \"second\", \"turns\": [{\"user\": \"hi\"}]}");
        Files.writeString(dir.resolve("a.json"), "[{\"id\": \"first\", \"tags\": [\"x\"], \"turns\": [{\"user\": \"hi\"}, {\"user\": [\"more \", {\"corpus_tokens\": 10}]}]}]");
        Files.writeString(dir.resolve("notes.txt"), "not a conversation");
        assertEquals(List.of("first", "second"), ConversationFiles.load(dir).stream().map(Conversation::id).toList());
        Files.writeString(dir.resolve("c.json"), "{\"id\": \"first\", \"turns\": [{\"user\": \"again\"}]}");
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> ConversationFiles.load(dir));
        assertEquals("Conversation id 'first' appears twice (" + dir.resolve("a.json") + " and " + dir.resolve("c.json") + "); ids must be unique.", e.getMessage());
    }

    @Test
    void aMalformedFileIsOneSentenceNamingTheFileAndTheField() throws Exception {
        String[][] cases = {
                {"{\"id\": \"x\", \"turns\": [", "is not valid JSON"},
                {"{\"turns\": [{\"user\": \"hi\"}]}", ": id is missing; every conversation needs an id"},
                {"{\"id\": \"x y\", \"turns\": [{\"user\": \"hi\"}]}", ": id 'x y' is invalid; use 1-64 letters"},
                {"{\"id\": \"x\", \"turns\": []}", ": turns is missing or empty"},
                {"{\"id\": \"x\", \"colour\": 1, \"turns\": [{\"user\": \"hi\"}]}", ": the conversation has unknown field 'colour'; valid fields are id, title, tags"},
                {"{\"id\": \"x\", \"turns\": [{\"user\": \"hi\"}, {\"text\": \"no\"}]}", ": turns[1] has unknown field 'text'; valid fields are user, max_tokens, inject, remove."},
                {"{\"id\": \"x\", \"turns\": [{\"user\": \"hi\"}, {\"max_tokens\": 3}]}", ": turns[1].user is missing"},
                {"{\"id\": \"x\", \"turns\": [{\"user\": 5}]}", ": turns[0].user must be a string, or an array of strings and {\"corpus_tokens\": N, \"seed\": S} pieces."},
                {"{\"id\": \"x\", \"turns\": [{\"user\": \"hi\", \"max_tokens\": 0}]}", ": turns[0].max_tokens is 0, which is invalid; give a whole number from 1 to 1000000."},
                {"{\"id\": \"x\", \"turns\": [{\"user\": [{\"corpus_tokens\": 2.5}]}]}", ": turns[0].user[0].corpus_tokens is 2.5, which is invalid"},
                {"{\"id\": \"x\", \"documents\": {\"a\": \"A\"}, \"turns\": [{\"user\": \"hi\", \"inject\": [\"b\"]}]}",
                        ": turns[0].inject[0] names document 'b', which the conversation does not define; its documents are a."},
                {"{\"id\": \"x\", \"documents\": {\"a\": \"A\"}, \"turns\": [{\"user\": \"hi\", \"remove\": [\"a\"]}]}",
                        ": turns[0].remove[0] names document 'a', which is not in the history at that turn (none is)."},
                {"{\"id\": \"x\", \"documents\": {\"a\": \"A\"}, \"turns\": [{\"user\": \"hi\", \"inject\": [\"a\"]}, {\"user\": \"hi\", \"inject\": [\"a\"]}]}",
                        ": turns[1].inject[0] injects document 'a', which is already in the history."},
                {"{\"id\": \"x\", \"tags\": [\"Long\"], \"turns\": [{\"user\": \"hi\"}]}", ": tags[0] 'Long' is invalid; use lower-case letters"},
                {"[1]", ": [0] is not an object"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("conv.json");
            Files.writeString(f, c[0]);
            LlmbenchException e = assertThrows(LlmbenchException.class, () -> ConversationFiles.load(f), c[0]);
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().endsWith("."), e.getMessage());
        }
        LlmbenchException missing = assertThrows(LlmbenchException.class, () -> ConversationFiles.load(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().startsWith("Conversation file " + dir.resolve("nope.json") + " does not exist"), missing.getMessage());
    }
}
