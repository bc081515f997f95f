package org.llmbench.engine.jvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.llmbench.LlmbenchException;
import org.llmbench.engine.Session;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.SyntheticWeights;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Per-row control (append, truncate(row), KV export/import): what a server's scheduler and prefix cache rely on. */
class JvmSessionRowsTest {
    static ModelSpec[] models() {
        return TestModels.all();
    }

    private static int[] tokens(int n, int vocab, long seed) {
        return new SplittableRandom(seed).ints(n, 0, vocab).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static float[] row(float[] logits, int i, int vocab) {
        return Arrays.copyOfRange(logits, i * vocab, (i + 1) * vocab);
    }

    private static void assertClose(float[] expected, float[] actual, double relTol, String what) {
        double scale = 1e-6;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], relTol * scale, what + ", logit " + i);
    }

    @ParameterizedTest
    @MethodSource("models")
    void anImportedPrefixThenTheRestGivesTheLogitsOfTheSessionItCameFrom(ModelSpec spec) {
        int v = spec.vocab();
        int[] prefix = tokens(32, v, 1), rest = tokens(7, v, 2);
        try (JvmEngine e = JvmEngine.load(new SyntheticWeights(spec), Quant.FP32, 2);
             Session source = e.newSession(1, 64); Session target = e.newSession(3, 64); Session whole = e.newSession(1, 64)) {
            source.prefill(new int[][]{prefix});
            int per = source.kvFloatsPerToken();
            assertEquals(2 * spec.layers() * spec.kvDim(), per);
            float[] first = new float[16 * per], second = new float[16 * per];
            source.exportKv(0, 0, 16, first, 0);
            source.exportKv(0, 16, 32, second, 0);
            float[] expected = row(source.prefill(new int[][]{rest}), 0, v);

            target.importKv(2, 0, 16, first, 0); // in blocks, as the prefix cache stores them
            target.importKv(2, 16, 32, second, 0);
            assertEquals(32, target.length(2));
            assertEquals(0, target.length(0));
            float[] actual = row(target.append(new int[]{2}, new int[][]{rest}), 0, v);
            assertArrayEquals(expected, actual, "same cache, same pass over the rest: the same floats");
            assertEquals(39, target.length(2));

            // and close to one prefill of the whole prompt (a different chunking sums in another order)
            assertClose(row(whole.prefill(new int[][]{concat(prefix, rest)}), 0, v), actual, 1e-5, "whole prefill");
        }
    }

    @Test
    void exportedKvIsTheCacheLayerByLayerKeysThenValues() {
        ModelSpec spec = TestModels.LLAMA;
        try (JvmEngine e = JvmEngine.load(new SyntheticWeights(spec), Quant.FP32, 1); Session s = e.newSession(2, 16)) {
            s.prefill(new int[][]{tokens(5, spec.vocab(), 3), tokens(3, spec.vocab(), 4)});
            int per = s.kvFloatsPerToken(), kv = spec.kvDim();
            float[] all = new float[5 * per], tail = new float[2 * per];
            s.exportKv(0, 0, 5, all, 0);
            s.exportKv(0, 3, 5, tail, 0);
            for (int l = 0; l < spec.layers(); l++) {
                for (int kOrV = 0; kOrV < 2; kOrV++) {
                    for (int i = 0; i < 2 * kv; i++) {
                        assertEquals(all[l * 10 * kv + kOrV * 5 * kv + 3 * kv + i], tail[l * 4 * kv + kOrV * 2 * kv + i], "layer " + l);
                    }
                }
            }
        }
    }

    /**
     * A request's greedy tokens are the same whether its row runs alone or beside others that join
     * (with a prompt chunk in the same pass) and leave: rows never see each other's cache.
     */
    @ParameterizedTest
    @EnumSource(value = Quant.class, names = {"FP32", "INT8", "INT4"})
    void aRowGivesTheSameGreedyTokensAloneOrBesideOthers(Quant quant) {
        ModelSpec spec = TestModels.LLAMA;
        int v = spec.vocab(), steps = 12;
        int[] prompt = tokens(9, v, 5);
        try (JvmEngine e = JvmEngine.load(new SyntheticWeights(spec), quant, 2);
             Session alone = e.newSession(1, 64); Session shared = e.newSession(4, 64)) {
            int[] aloneIds = new int[steps];
            float[][] aloneLogits = new float[steps][];
            float[] l = alone.prefill(new int[][]{prompt});
            for (int i = 0; i < steps; i++) {
                aloneLogits[i] = row(l, 0, v);
                aloneIds[i] = argmax(aloneLogits[i]);
                if (i + 1 < steps) l = alone.decode(new int[]{aloneIds[i]});
            }

            // row 2 is ours; row 0 runs from the start, row 3 joins at step 4 with a prompt chunk, row 0 leaves at step 8
            int[] other = tokens(6, v, 6), joiner = tokens(20, v, 7);
            float[] out = shared.append(new int[]{0, 2}, new int[][]{other, prompt});
            int otherNext = argmax(row(out, 0, v));
            int ours = argmax(row(out, 1, v)), joinerNext = -1;
            for (int i = 0; i < steps; i++) {
                assertEquals(aloneIds[i], ours, quant + ": token " + i);
                if (i + 1 == steps) break;
                int[] rows;
                int[][] add;
                if (i < 4) {
                    rows = new int[]{0, 2};
                    add = new int[][]{{otherNext}, {ours}};
                } else if (i == 4) {
                    rows = new int[]{0, 3, 2};
                    add = new int[][]{{otherNext}, joiner, {ours}};
                } else if (i < 8) {
                    rows = new int[]{3, 0, 2};
                    add = new int[][]{{joinerNext}, {otherNext}, {ours}};
                } else {
                    if (i == 8) shared.truncate(0, 0);
                    rows = new int[]{2, 3};
                    add = new int[][]{{ours}, {joinerNext}};
                }
                out = shared.append(rows, add);
                int at = indexOf(rows, 2);
                float[] mine = row(out, at, v);
                assertClose(aloneLogits[i + 1], mine, quant == Quant.FP32 ? 1e-5 : 1e-4, quant + ": step " + (i + 1));
                ours = argmax(mine);
                int o = indexOf(rows, 0), j = indexOf(rows, 3);
                if (o >= 0) otherNext = argmax(row(out, o, v));
                if (j >= 0) joinerNext = argmax(row(out, j, v));
            }
            assertEquals(0, shared.length(0));
            assertEquals(0, shared.length(1), "row 1 was never used");
        }
    }

    @Test
    void truncatingOneRowLeavesTheOthers() {
        ModelSpec spec = TestModels.LLAMA;
        try (JvmEngine e = JvmEngine.load(new SyntheticWeights(spec), Quant.FP32, 1); Session s = e.newSession(2, 16)) {
            s.append(new int[]{1, 0}, new int[][]{{1, 2, 3}, {4, 5}});
            assertEquals(2, s.length(0));
            assertEquals(3, s.length(1));
            s.truncate(1, 0);
            assertEquals(0, s.length(1));
            assertEquals(2, s.length(0));
        }
    }

    @Test
    void badRowsAndSpansAreRefusedWithAReason() {
        ModelSpec spec = TestModels.LLAMA;
        try (JvmEngine e = JvmEngine.load(new SyntheticWeights(spec), Quant.FP32, 1); Session s = e.newSession(2, 16)) {
            float[] buf = new float[16 * s.kvFloatsPerToken()];
            assertTrue(assertThrows(LlmbenchException.class, () -> s.append(new int[]{1, 1}, new int[][]{{1}, {2}})).getMessage().contains("listed twice"));
            assertTrue(assertThrows(LlmbenchException.class, () -> s.append(new int[]{2}, new int[][]{{1}})).getMessage().contains("rows 0 to 1"));
            assertTrue(assertThrows(LlmbenchException.class, () -> s.append(new int[]{0}, new int[][]{{}})).getMessage().contains("empty"));
            assertTrue(assertThrows(LlmbenchException.class, () -> s.append(new int[]{0}, new int[][]{new int[17]})).getMessage().contains("at most 16"));
            assertTrue(assertThrows(LlmbenchException.class, () -> s.append(new int[]{0}, new int[][]{{spec.vocab()}})).getMessage().contains("out of range"));
            assertTrue(assertThrows(LlmbenchException.class, () -> s.exportKv(0, 0, 1, buf, 0)).getMessage().contains("holds 0 tokens"));
            assertTrue(assertThrows(LlmbenchException.class, () -> s.importKv(0, 4, 8, buf, 0)).getMessage().contains("would be missing"));
            assertTrue(assertThrows(LlmbenchException.class, () -> s.importKv(0, 0, 17, buf, 0)).getMessage().contains("16 tokens a row"));
            assertEquals(0, s.length(0), "nothing ran");
        }
    }

    private static int indexOf(int[] a, int x) {
        for (int i = 0; i < a.length; i++) if (a[i] == x) return i;
        return -1;
    }

    private static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }
}
