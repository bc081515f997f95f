package org.llmbench.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Byte-pair merging over a list of symbols: repeatedly joins the adjacent pair that merges first
 * (the highest priority; the leftmost of equals) until no adjacent pair merges. A priority queue
 * of candidate pairs keeps this O(n log n), so a whole long prompt can be one word (SentencePiece).
 */
final class BpeMerger {
    /** How eagerly two adjacent symbols merge: higher first; NaN when they do not merge. */
    interface Priority {
        double of(String left, String right);
    }

    private BpeMerger() {
    }

    private record Candidate(int left, int right, double priority, int length) {
    }

    static List<String> merge(List<String> symbols, Priority priority) {
        int n = symbols.size();
        String[] text = symbols.toArray(new String[0]);
        int[] prev = new int[n], next = new int[n];
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Candidate> queue = new PriorityQueue<>((a, b) -> a.priority != b.priority
                ? Double.compare(b.priority, a.priority) : Integer.compare(a.left, b.left));
        for (int i = 0; i + 1 < n; i++) offer(queue, text, i, i + 1, priority);
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            // stale: one side has merged since this pair was offered
            if (text[c.left] == null || text[c.right] == null || next[c.left] != c.right
                    || text[c.left].length() + text[c.right].length() != c.length) continue;
            text[c.left] = text[c.left] + text[c.right];
            text[c.right] = null;
            next[c.left] = next[c.right];
            if (next[c.left] >= 0) prev[next[c.left]] = c.left;
            if (prev[c.left] >= 0) offer(queue, text, prev[c.left], c.left, priority);
            if (next[c.left] >= 0) offer(queue, text, c.left, next[c.left], priority);
        }
        List<String> out = new ArrayList<>();
        for (int i = n > 0 ? 0 : -1; i >= 0; i = next[i]) out.add(text[i]);
        return out;
    }

    private static void offer(PriorityQueue<Candidate> queue, String[] text, int left, int right, Priority priority) {
        double p = priority.of(text[left], text[right]);
        if (!Double.isNaN(p)) queue.add(new Candidate(left, right, p, text[left].length() + text[right].length()));
    }

    /** The symbols of a string: its Unicode code points, each as a string. */
    static List<String> codePoints(String s) {
        List<String> out = new ArrayList<>(s.length());
        s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }
}
