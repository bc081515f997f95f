package org.llmbench.serve;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KV cache of token prefixes, in blocks of {@link #BLOCK} tokens, shared by all requests. A
 * block's key hashes its whole prefix (the previous block's key and its own tokens), so a block is
 * only ever reused after exactly the tokens it was computed after. Blocks are evicted least recently
 * used first within a fixed budget; a prefix's earlier blocks are kept more recent than its later
 * ones, so eviction trims prefixes from their end. Used by the scheduler thread only.
 */
final class PrefixCache {
    static final int BLOCK = 16;

    /** A 128-bit hash of a token prefix that ends at a block boundary. */
    record Key(long hi, long lo) {
        static final Key ROOT = new Key(0, 0);
    }

    private final int floatsPerBlock, capacity;
    private final LinkedHashMap<Key, float[]> blocks = new LinkedHashMap<>(64, 0.75f, true);
    private volatile int used;

    PrefixCache(int floatsPerToken, long budgetBytes) {
        this.floatsPerBlock = BLOCK * floatsPerToken;
        this.capacity = (int) Math.min(Integer.MAX_VALUE, budgetBytes / (4L * floatsPerBlock));
    }

    static long blockBytes(int floatsPerToken) {
        return 4L * BLOCK * floatsPerToken;
    }

    int capacity() {
        return capacity;
    }

    int used() {
        return used;
    }

    int floatsPerBlock() {
        return floatsPerBlock;
    }

    /** Extends keys (the keys of tokens' first blocks) to the first {@code count / BLOCK} whole blocks of tokens. */
    static void keys(int[] tokens, int count, List<Key> keys) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
        ByteBuffer buf = ByteBuffer.allocate(16 + 4 * BLOCK);
        for (int b = keys.size(); (b + 1) * BLOCK <= count; b++) {
            Key parent = b == 0 ? Key.ROOT : keys.get(b - 1);
            buf.clear();
            buf.putLong(parent.hi).putLong(parent.lo);
            for (int i = b * BLOCK; i < (b + 1) * BLOCK; i++) buf.putInt(tokens[i]);
            ByteBuffer h = ByteBuffer.wrap(sha.digest(buf.array()));
            keys.add(new Key(h.getLong(), h.getLong()));
        }
    }

    /** How many of the first blocks (at most max) are held, all in a row from the first. */
    int match(List<Key> keys, int max) {
        int n = 0;
        while (n < Math.min(max, keys.size()) && blocks.containsKey(keys.get(n))) n++;
        touchBackwards(keys, n);
        return n;
    }

    float[] get(Key key) {
        return blocks.get(key);
    }

    /** Stores blocks [from, to) of a prefix that are not held yet, each filled by fill(block index, array). */
    void put(List<Key> keys, int from, int to, BlockFill fill) {
        if (capacity == 0) return;
        touchBackwards(keys, from); // the blocks before are this prefix's: never evict them to make room after them
        for (int b = from; b < to; b++) {
            Key k = keys.get(b);
            if (blocks.containsKey(k)) continue;
            float[] array = null;
            if (blocks.size() >= capacity) { // reuse the least recently used block's array
                Iterator<Map.Entry<Key, float[]>> eldest = blocks.entrySet().iterator();
                array = eldest.next().getValue();
                eldest.remove();
            }
            if (array == null) array = new float[floatsPerBlock];
            fill.fill(b, array);
            blocks.put(k, array);
        }
        used = blocks.size();
        touchBackwards(keys, Math.min(to, keys.size()));
    }

    interface BlockFill {
        void fill(int block, float[] dst);
    }

    /** Uses blocks n - 1 down to 0 so that a prefix's first block is the most recently used. */
    private void touchBackwards(List<Key> keys, int n) {
        for (int i = Math.min(n, keys.size()) - 1; i >= 0; i--) blocks.get(keys.get(i));
    }

    /** Keys held, least recently used first (for tests). */
    List<Key> order() {
        return new ArrayList<>(blocks.keySet());
    }
}
