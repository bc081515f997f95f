package org.llmbench.conversation;

import org.junit.jupiter.api.Test;
import org.llmbench.endpoint.ChatMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Each turn's message list, exactly: the whole history, real answers, documents injected into a user message and removed from it, the salt. */
class HistoryTest {
    static Conversation rag() {
        Map<String, Text> docs = new LinkedHashMap<>();
        docs.put("a", Text.of("Doc A."));
        docs.put("b", Text.of("Doc B."));
        return new Conversation("rag", "rag", List.of("rag"), 0, Text.of("Sys."), 4, docs, List.of(
                new Conversation.Turn(Text.of("Q1"), null, List.of(), List.of()),
                new Conversation.Turn(Text.of("Q2"), null, List.of("a", "b"), List.of()),
                new Conversation.Turn(Text.of("Q3"), null, List.of(), List.of()),
                new Conversation.Turn(Text.of("Q4"), null, List.of(), List.of("a")),
                new Conversation.Turn(Text.of("Q5"), 9, List.of(), List.of("b"))), "test");
    }

    private static ChatMessage m(String role, String content) {
        return new ChatMessage(role, content);
    }

    @Test
    void everyTurnCarriesTheWholeHistoryWithDocumentsWhileTheyArePresent() {
        History.Rendered r = History.Rendered.of(rag(), 4.0);
        List<String> answers = List.of("A1", "A2", "A3", "A4");
        String both = "Reference documents:\n\n[a]\nDoc A.\n\n[b]\nDoc B.\n\nQuestion:\nQ2", onlyB = "Reference documents:\n\n[b]\nDoc B.\n\nQuestion:\nQ2";
        assertEquals(List.of(m("system", "Sys."), m("user", "Q1")), History.request(r, 1, List.of(), ""));
        assertEquals(List.of(m("system", "Sys."), m("user", "Q1"), m("assistant", "A1"), m("user", both)), History.request(r, 2, answers.subList(0, 1), ""));
        assertEquals(List.of(m("system", "Sys."), m("user", "Q1"), m("assistant", "A1"), m("user", both), m("assistant", "A2"), m("user", "Q3")),
                History.request(r, 3, answers.subList(0, 2), ""));
        assertEquals(List.of(m("system", "Sys."), m("user", "Q1"), m("assistant", "A1"), m("user", onlyB), m("assistant", "A2"), m("user", "Q3"),
                m("assistant", "A3"), m("user", "Q4")), History.request(r, 4, answers.subList(0, 3), ""), "a removed before turn 4, b still there");
        assertEquals(List.of(m("system", "Sys."), m("user", "Q1"), m("assistant", "A1"), m("user", "Q2"), m("assistant", "A2"), m("user", "Q3"),
                m("assistant", "A3"), m("user", "Q4"), m("assistant", "A4"), m("user", "Q5")), History.request(r, 5, answers, ""));
        assertEquals(m("system", "Session 00ff.\n\nSys."), History.request(r, 1, List.of(), "Session 00ff.\n\n").get(0), "the salt opens the first message");
        assertEquals(4, rag().maxTokens(1, 100));
        assertEquals(9, rag().maxTokens(5, 100));
        assertEquals("remove a", rag().event(4));
        assertEquals("inject a, b", rag().event(2));
    }

    @Test
    void aRequestSharesItsPrefixWithTheLatestEarlierTurnItRepeats() {
        History.Rendered r = History.Rendered.of(rag(), 4.0);
        List<String> answers = List.of("A1", "A2", "A3", "A4");
        List<List<ChatMessage>> requests = new ArrayList<>();
        int[] expected = {0, 1, 2, 1, 1};
        for (int t = 1; t <= 5; t++) {
            List<ChatMessage> req = History.request(r, t, answers.subList(0, t - 1), "");
            assertEquals(expected[t - 1], History.sharedWith(requests, answers, req), "turn " + t);
            requests.add(req);
        }
        List<ChatMessage> salted = History.request(r, 3, answers.subList(0, 2), ConversationRun.salt());
        assertEquals(0, History.sharedWith(requests, answers, salted), "a salted request repeats nothing");
        assertTrue(ConversationRun.salt().matches("Session [0-9a-f]{16}\\.\n\n"));
        assertNotEquals(ConversationRun.salt(), ConversationRun.salt());
    }

    @Test
    void theEstimateFollowsTheHistoryAsItGrowsAndShrinks() {
        TokenModel m = new TokenModel(1.0, 10, 5, "test");
        Conversation c = rag();
        // fixed 5, system 4 + 10; each user message 2 + 10; each answer its max_tokens (+ 10 once in the history); a document 6 + 4
        // t1: 19 + 12 = 31, + 4 = 35 | t2: 45 + 12 + 20 = 77, 81 | t3: 91 + 12 = 103, 107 | t4: 117 - 10 (a) + 12 = 119, 123
        // t5: 133 - 10 (b) + 12 = 135, + 9 = 144
        assertEquals(144, m.peakTokens(c, t -> c.maxTokens(t, 100)));
        assertEquals(369, m.peakTokens(c, t -> 50), "every answer 50: t5 = 5 + 14 + 5 * 12 + 4 * (50 + 10) + 50, the documents gone");
    }
}
