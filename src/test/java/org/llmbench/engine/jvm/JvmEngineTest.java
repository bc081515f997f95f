package org.llmbench.engine.jvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.llmbench.LlmbenchException;
import org.llmbench.engine.Session;
import org.llmbench.model.ModelRegistry;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.SyntheticWeights;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class JvmEngineTest {
    static ModelSpec[] models() {
        return TestModels.all();
    }

    private static JvmEngine engine(ModelSpec spec, int threads) {
        return JvmEngine.load(new SyntheticWeights(spec), Quant.FP32, threads);
    }

    private static int[] tokens(int n, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return r.ints(n, 0, vocab).toArray();
    }

    private static void assertClose(float[] expected, float[] actual, int off, int n, double relTol) {
        double scale = 1e-6;
        for (int i = 0; i < n; i++) scale = Math.max(scale, Math.abs(expected[i]));
        for (int i = 0; i < n; i++) {
            assertTrue(Float.isFinite(actual[off + i]), "logit " + i + " is not finite");
            assertEquals(expected[i], actual[off + i], relTol * scale, "logit " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void logitsMatchTheScalarReference(ModelSpec spec) {
        int[] prompt = tokens(2 * Matrix.GEMM_ROWS + 3, spec.vocab(), 7); // prefill through the blocked GEMM
        float[] expected = new ReferenceTransformer(new SyntheticWeights(spec)).logits(prompt);
        try (JvmEngine e = engine(spec, 2); Session s = e.newSession(1, 128)) {
            assertClose(expected, s.prefill(new int[][]{prompt}), 0, spec.vocab(), 1e-4);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void prefillAgreesWithTokenByTokenDecode(ModelSpec spec) {
        int[] prompt = tokens(Matrix.GEMM_ROWS + 5, spec.vocab(), 3); // the GEMM (prefill) against the decode kernels
        try (JvmEngine e = engine(spec, 2); Session whole = e.newSession(1, 128); Session stepwise = e.newSession(1, 128)) {
            float[] expected = whole.prefill(new int[][]{prompt}).clone();
            float[] logits = stepwise.prefill(new int[][]{{prompt[0]}});
            for (int i = 1; i < prompt.length; i++) logits = stepwise.decode(new int[]{prompt[i]});
            assertClose(expected, logits, 0, spec.vocab(), 1e-5);
            assertEquals(prompt.length, stepwise.length(0));
        }
    }

    /** Every quant: prefill (the blocked GEMM over dequantized weights) agrees with decode (the quant's own kernels). */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Quant.class)
    void quantizedPrefillAgreesWithTokenByTokenDecode(Quant quant) {
        ModelSpec spec = TestModels.LLAMA;
        int[] prompt = tokens(Matrix.GEMM_ROWS + 5, spec.vocab(), 4);
        try (JvmEngine e = JvmEngine.load(new SyntheticWeights(spec), quant, 2); Session whole = e.newSession(1, 128); Session stepwise = e.newSession(1, 128)) {
            float[] expected = whole.prefill(new int[][]{prompt}).clone();
            float[] logits = stepwise.prefill(new int[][]{{prompt[0]}});
            for (int i = 1; i < prompt.length; i++) logits = stepwise.decode(new int[]{prompt[i]});
            assertClose(expected, logits, 0, spec.vocab(), 1e-4);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void eachBatchRowEqualsTheSameSequenceRunAlone(ModelSpec spec) {
        int[][] prompts = {tokens(5, spec.vocab(), 1), tokens(11, spec.vocab(), 2), tokens(1, spec.vocab(), 3)};
        int[] next = {4, 17, 30};
        try (JvmEngine e = engine(spec, 2); Session batch = e.newSession(3, 32)) {
            float[] prefill = batch.prefill(prompts).clone();
            float[] decode = batch.decode(next).clone();
            for (int b = 0; b < 3; b++) {
                try (Session alone = e.newSession(1, 32)) {
                    assertClose(alone.prefill(new int[][]{prompts[b]}).clone(), prefill, b * spec.vocab(), spec.vocab(), 1e-5);
                    assertClose(alone.decode(new int[]{next[b]}).clone(), decode, b * spec.vocab(), spec.vocab(), 1e-5);
                }
            }
        }
    }

    @Test
    void promptsLongerThanOneChunkGiveTheSameLogitsAsShortRuns() {
        ModelSpec spec = TestModels.LLAMA; // 3 x 250 tokens = 750 rows: chunks of 512 end mid-row
        int[][] prompts = {tokens(250, spec.vocab(), 11), tokens(250, spec.vocab(), 12), tokens(250, spec.vocab(), 13)};
        try (JvmEngine e = engine(spec, 2); Session batch = e.newSession(3, 260)) {
            float[] logits = batch.prefill(prompts).clone();
            for (int b = 0; b < 3; b++) {
                try (Session alone = e.newSession(1, 260)) {
                    assertClose(alone.prefill(new int[][]{prompts[b]}).clone(), logits, b * spec.vocab(), spec.vocab(), 1e-5);
                }
            }
        }
    }

    @Test
    void oneThreadAndTwoThreadsAgree() {
        ModelSpec spec = TestModels.FALCON;
        int[] prompt = tokens(6, spec.vocab(), 5);
        try (JvmEngine one = engine(spec, 1); JvmEngine two = engine(spec, 2);
             Session a = one.newSession(1, 16); Session b = two.newSession(1, 16)) {
            assertArrayEquals(a.prefill(new int[][]{prompt}).clone(), b.prefill(new int[][]{prompt}).clone());
        }
    }

    @Test
    void truncateRollsBackSoTheSameStepRepeatsExactly() {
        ModelSpec spec = TestModels.GPT2;
        try (JvmEngine e = engine(spec, 2); Session s = e.newSession(2, 16)) {
            s.prefill(new int[][]{tokens(4, spec.vocab(), 1), tokens(4, spec.vocab(), 2)});
            float[] first = s.decode(new int[]{1, 2}).clone();
            s.truncate(4);
            assertArrayEquals(first, s.decode(new int[]{1, 2}).clone());
        }
    }

    @Test
    void registryTinyModelsRunAndStayFiniteOverTheirWholeContext() {
        for (String name : new String[]{"llama-tiny", "gpt2-tiny", "falcon-tiny"}) {
            ModelSpec spec = ModelRegistry.get(name);
            try (JvmEngine e = engine(spec, 2); Session s = e.newSession(2, 256)) {
                float[] logits = s.prefill(new int[][]{tokens(200, spec.vocab(), 1), tokens(200, spec.vocab(), 2)});
                for (int i = 0; i < 55; i++) logits = s.decode(new int[]{i, i + 1});
                for (float v : logits) assertTrue(Float.isFinite(v), name + " produced a non-finite logit");
                float[] row = Arrays.copyOf(logits, spec.vocab());
                float max = Float.NEGATIVE_INFINITY, min = Float.POSITIVE_INFINITY;
                for (float v : row) { max = Math.max(max, v); min = Math.min(min, v); }
                assertTrue(max > min, name + " logits are all equal");
            }
        }
    }

    @Test
    void badInputsFailWithOneClearSentence() {
        ModelSpec spec = TestModels.LLAMA;
        try (JvmEngine e = engine(spec, 1); Session s = e.newSession(2, 8)) {
            assertMessage("Token id 101 is out of range", () -> s.prefill(new int[][]{{1}, {101}}));
            assertMessage("Got 1 prompts for a session of batch 2", () -> s.prefill(new int[][]{{1}}));
            assertMessage("would hold 9 tokens", () -> s.prefill(new int[][]{new int[9], {1}}));
            assertMessage("is empty", () -> s.prefill(new int[][]{{}, {1}}));
            assertMessage("Batch 0 is invalid", () -> e.newSession(0, 8));
            assertMessage("Sequence length 301 is invalid", () -> e.newSession(1, 301));
        }
    }

    @Test
    void aModelThatDoesNotFitIsRefusedBeforeAllocating() {
        LlmbenchException ex = assertThrows(LlmbenchException.class,
                () -> JvmEngine.load(new SyntheticWeights(ModelRegistry.get("llama-2-13b")), Quant.FP32, 1));
        assertTrue(ex.getMessage().matches("Model llama-2-13b at fp32 does not fit: needs [0-9.]+ GiB, [0-9.]+ GiB available.*"), ex.getMessage());
    }

    static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable call) {
        LlmbenchException ex = assertThrows(LlmbenchException.class, call);
        assertTrue(ex.getMessage().contains(expectedPart), ex.getMessage());
    }
}
