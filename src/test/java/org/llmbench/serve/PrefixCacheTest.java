package org.llmbench.serve;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PrefixCacheTest {
    private static List<PrefixCache.Key> keys(int[] tokens) {
        List<PrefixCache.Key> k = new ArrayList<>();
        PrefixCache.keys(tokens, tokens.length, k);
        return k;
    }

    private static int[] tokens(int n, int seed) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = seed * 1000 + i;
        return t;
    }

    @Test
    void aBlocksKeyDependsOnTheWholePrefixNotOnlyItsOwnTokens() {
        int[] a = tokens(48, 1), b = a.clone();
        b[3] = -7; // differs in block 0 only
        List<PrefixCache.Key> ka = keys(a), kb = keys(b);
        assertEquals(3, ka.size(), "whole blocks only");
        assertEquals(2, keys(tokens(47, 1)).size());
        for (int i = 0; i < 3; i++) assertNotEquals(ka.get(i), kb.get(i), "block " + i + " follows another prefix");
        assertEquals(ka, keys(a.clone()), "the same tokens give the same keys");
        List<PrefixCache.Key> extended = new ArrayList<>(ka.subList(0, 1));
        PrefixCache.keys(a, 48, extended);
        assertEquals(ka, extended, "extending a list of keys computes only the missing ones, the same");
    }

    @Test
    void lookupFindsTheLongestHeldRunFromTheFirstBlock() {
        PrefixCache c = new PrefixCache(2, PrefixCache.blockBytes(2) * 10);
        assertEquals(10, c.capacity());
        List<PrefixCache.Key> k = keys(tokens(64, 2));
        c.put(k, 0, 3, (b, dst) -> dst[0] = b + 1);
        assertEquals(3, c.used());
        assertEquals(3, c.match(k, 4));
        assertEquals(2, c.match(k, 2), "at most max");
        assertEquals(2f, c.get(k.get(1))[0]);
        assertEquals(0, c.match(keys(tokens(64, 3)), 4));
    }

    @Test
    void evictionIsLeastRecentlyUsedAndTrimsPrefixesFromTheirEnd() {
        PrefixCache c = new PrefixCache(1, PrefixCache.blockBytes(1) * 4);
        List<PrefixCache.Key> a = keys(tokens(48, 4)), b = keys(tokens(48, 5));
        c.put(a, 0, 3, (i, dst) -> { });
        assertEquals(List.of(a.get(2), a.get(1), a.get(0)), c.order(), "a prefix's first block is the most recent");
        c.put(b, 0, 2, (i, dst) -> { }); // four blocks fit: a's last block goes first
        assertEquals(4, c.used());
        assertEquals(2, c.match(a, 3), "a lost its third block, kept its first two");
        assertEquals(2, c.match(b, 3));
        c.put(a, 2, 3, (i, dst) -> { }); // b was used last, but its blocks are older than a's first two: b's second block goes
        assertEquals(3, c.match(a, 3));
        assertEquals(1, c.match(b, 2));
    }

    @Test
    void aZeroBudgetHoldsNothing() {
        PrefixCache c = new PrefixCache(4, 0);
        List<PrefixCache.Key> k = keys(tokens(32, 6));
        c.put(k, 0, 2, (i, dst) -> fail("nothing to fill"));
        assertEquals(0, c.match(k, 2));
    }
}
