package org.llmbench.conversation;

import org.junit.jupiter.api.Test;
import org.llmbench.results.ConversationRunInfo.Skipped;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Selection by tags, by size against the context (with the numbers), and by count. */
class SelectionTest {
    static Conversation conv(String id, int userBytes, List<String> tags) {
        return new Conversation(id, id, tags, 0, null, 10, Map.of(), List.of(new Conversation.Turn(Text.of("x".repeat(userBytes)), null, List.of(), List.of())), "test");
    }

    @Test
    void tagsThenSizeThenCountDecideAndEverySkipSaysWhy() {
        TokenModel m = new TokenModel(1.0, 0, 0, "test"); // a conversation of N bytes needs N + 10 tokens
        List<Conversation> all = List.of(conv("small", 90, List.of("qa")), conv("big", 991, List.of("long")), conv("rag", 50, List.of("rag", "qa")),
                conv("other", 20, List.of("misc")));
        Selection s = Selection.of(all, 1000, m, c -> t -> 10, Set.of(), Set.of(), null);
        assertEquals(List.of("small", "rag", "other"), s.selected().stream().map(Conversation::id).toList());
        assertEquals(List.of(new Skipped("big", "needs about 1,001 tokens (its last turn with a full answer), more than the 1,000-token context")), s.skipped());
        assertEquals(List.of(100L, 60L, 30L), s.estimates());
        assertEquals(1, Selection.of(all, 1001, m, c -> t -> 10, Set.of(), Set.of(), null).selected().stream().filter(c -> c.id().equals("big")).count(), "1,001 fits 1,001");

        Selection tagged = Selection.of(all, null, m, c -> t -> 10, new LinkedHashSet<>(List.of("qa", "long")), Set.of("rag"), 2);
        assertEquals(List.of("small", "big"), tagged.selected().stream().map(Conversation::id).toList(), "no context known: nothing is skipped for size");
        assertEquals(List.of(new Skipped("rag", "tag rag is in --exclude-tags"),
                new Skipped("other", "no tag among --include-tags qa,long (its tags: misc)")), tagged.skipped());
        Selection capped = Selection.of(all, null, m, c -> t -> 10, Set.of(), Set.of(), 1);
        assertEquals(List.of("small"), capped.selected().stream().map(Conversation::id).toList());
        assertEquals("beyond --max-conversations 1", capped.skipped().get(0).reason());
    }
}
