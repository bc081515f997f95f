package org.llmbench.engine.torch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.llmbench.LlmbenchException;
import org.llmbench.engine.Engine;
import org.llmbench.engine.Sampler;
import org.llmbench.engine.Session;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelRegistry;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.SyntheticWeights;
import org.llmbench.weights.TinyModels;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.gguf.GgufWeights;
import org.llmbench.weights.gguf.GgufWriter;
import org.llmbench.workload.Backend;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The torch engine against the JVM engine (itself tested against a scalar reference) on models with
 * awkward sizes (odd vocab, head dims, FFN widths; grouped- and multi-query attention), plus the
 * Session contract on its own: prefill equals token-by-token decode, batch rows are independent,
 * truncate rolls back, and no NDArray outlives a step.
 */
class TorchEngineTest {
    static final ModelSpec LLAMA = new ModelSpec("test-llama", Arch.LLAMA, 64, 2, 4, 2, 96, 101, 300, 10000f, 1e-5f, false);
    static final ModelSpec GPT2 = new ModelSpec("test-gpt2", Arch.GPT2, 48, 2, 3, 3, 100, 77, 300, 0f, 1e-5f, true);
    static final ModelSpec FALCON = new ModelSpec("test-falcon", Arch.FALCON, 80, 2, 4, 1, 130, 91, 300, 10000f, 1e-5f, true);

    /**
     * Largest |torch - jvm| allowed, relative to the largest |logit|. fp32: both engines compute in
     * fp32 and differ only in summation order (observed ~3e-7, so 1e-4 leaves room for real models).
     * fp16: torch computes in fp16 throughout (as model.half() does), the JVM only stores fp16 weights
     * (observed ~7e-4). dynamic: PyTorch quantizes activations per tensor to 7 bits, the JVM per token
     * to 8 bits, on the same int8 weights (observed 1-4%).
     */
    static double tolerance(Quant q) {
        return switch (q) {
            case FP32 -> 1e-4;
            case FP16 -> 1e-2;
            default -> 0.1;
        };
    }

    static ModelSpec[] models() {
        return new ModelSpec[]{LLAMA, GPT2, FALCON};
    }

    private static int[] tokens(int n, int vocab, long seed) {
        return new SplittableRandom(seed).ints(n, 0, vocab).toArray();
    }

    private static Engine torch(WeightSource w, Quant q) {
        return Backend.TORCH.load(w, q, 2);
    }

    private static void assertClose(float[] expected, int eOff, float[] actual, int aOff, int n, double relTol, String what) {
        double scale = 1e-6;
        for (int i = 0; i < n; i++) scale = Math.max(scale, Math.abs(expected[eOff + i]));
        for (int i = 0; i < n; i++) {
            assertTrue(Float.isFinite(actual[aOff + i]), what + ": logit " + i + " is not finite");
            assertEquals(expected[eOff + i], actual[aOff + i], relTol * scale, what + ": logit " + i);
        }
    }

    /** Prefill of three rows of different lengths, then two decode steps: every row's logits, torch against jvm. */
    private static void assertAgreesWithJvm(WeightSource jvmWeights, WeightSource torchWeights, Quant q) {
        ModelSpec spec = jvmWeights.spec();
        int v = spec.vocab();
        int[][] prompts = {tokens(7, v, 1), tokens(3, v, 2), tokens(12, v, 3)};
        double tol = tolerance(q);
        try (Engine j = Backend.JVM.load(jvmWeights, q, 2); Session js = j.newSession(3, 24);
             Engine t = torch(torchWeights, q); Session ts = t.newSession(3, 24)) {
            assertEquals(j.weightBytes() > 0, t.weightBytes() > 0);
            String what = spec.name() + " " + q;
            float[] expected = js.prefill(prompts), actual = ts.prefill(prompts);
            for (int b = 0; b < 3; b++) assertClose(expected, b * v, actual, b * v, v, tol, what + " prefill row " + b);
            for (int[] next : new int[][]{{5, 0, v - 1}, {9, 4, 2}}) {
                expected = js.decode(next);
                actual = ts.decode(next);
                for (int b = 0; b < 3; b++) assertClose(expected, b * v, actual, b * v, v, tol, what + " decode row " + b);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void logitsAgreeWithTheJvmEngineAtEveryQuantTorchRuns(ModelSpec spec) {
        for (Quant q : new Quant[]{Quant.FP32, Quant.FP16, Quant.DYNAMIC}) {
            assertAgreesWithJvm(new SyntheticWeights(spec), new SyntheticWeights(spec), q);
        }
    }

    @Test
    void registryTinyModelsAgreeWithTheJvmEngine() {
        for (String name : new String[]{"llama-tiny", "gpt2-tiny", "falcon-tiny"}) {
            ModelSpec spec = ModelRegistry.get(name);
            assertAgreesWithJvm(new SyntheticWeights(spec), new SyntheticWeights(spec), Quant.FP32);
        }
    }

    @Test
    void exportedGgufFilesGiveTheJvmEnginesLogits(@TempDir Path dir) {
        for (ModelSpec spec : TinyModels.ALL) {
            for (Quant q : new Quant[]{Quant.FP32, Quant.FP16}) {
                Path file = dir.resolve(spec.name() + "-" + q + ".gguf");
                GgufWriter.write(new SyntheticWeights(spec), q, file);
                try (GgufWeights a = GgufWeights.open(file); GgufWeights b = GgufWeights.open(file)) {
                    assertAgreesWithJvm(a, b, q);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void prefillAgreesWithTokenByTokenDecode(ModelSpec spec) {
        int[] prompt = tokens(12, spec.vocab(), 3);
        try (Engine e = torch(new SyntheticWeights(spec), Quant.FP32); Session whole = e.newSession(1, 32); Session stepwise = e.newSession(1, 32)) {
            float[] expected = whole.prefill(new int[][]{prompt}).clone();
            float[] logits = stepwise.prefill(new int[][]{{prompt[0]}});
            for (int i = 1; i < prompt.length; i++) logits = stepwise.decode(new int[]{prompt[i]});
            assertClose(expected, 0, logits, 0, spec.vocab(), 1e-5, spec.name());
            assertEquals(prompt.length, stepwise.length(0));
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void eachBatchRowEqualsTheSameSequenceRunAlone(ModelSpec spec) {
        int v = spec.vocab();
        int[][] prompts = {tokens(5, v, 1), tokens(11, v, 2), tokens(1, v, 3)};
        int[] next = {4, 17, 30};
        try (Engine e = torch(new SyntheticWeights(spec), Quant.FP32); Session batch = e.newSession(3, 32)) {
            float[] prefill = batch.prefill(prompts).clone();
            float[] decode = batch.decode(next).clone();
            for (int b = 0; b < 3; b++) {
                try (Session alone = e.newSession(1, 32)) {
                    assertClose(alone.prefill(new int[][]{prompts[b]}).clone(), 0, prefill, b * v, v, 1e-5, "prefill row " + b);
                    assertClose(alone.decode(new int[]{next[b]}).clone(), 0, decode, b * v, v, 1e-5, "decode row " + b);
                }
            }
        }
    }

    @Test
    void promptsLongerThanOneChunkGiveTheSameLogitsAsRowsAlone() {
        ModelSpec spec = LLAMA; // batch 3: chunks of 170 tokens per row; rows end in different chunks
        int v = spec.vocab();
        int[][] prompts = {tokens(250, v, 11), tokens(120, v, 12), tokens(171, v, 13)};
        try (Engine e = torch(new SyntheticWeights(spec), Quant.FP32); Session batch = e.newSession(3, 260)) {
            float[] logits = batch.prefill(prompts).clone();
            for (int b = 0; b < 3; b++) {
                try (Session alone = e.newSession(1, 260)) {
                    assertClose(alone.prefill(new int[][]{prompts[b]}).clone(), 0, logits, b * v, v, 1e-5, "row " + b);
                }
            }
        }
    }

    @Test
    void truncateRollsBackSoTheSameStepRepeatsExactly() {
        ModelSpec spec = GPT2;
        try (Engine e = torch(new SyntheticWeights(spec), Quant.FP32); Session s = e.newSession(2, 16)) {
            s.prefill(new int[][]{tokens(4, spec.vocab(), 1), tokens(4, spec.vocab(), 2)});
            float[] first = s.decode(new int[]{1, 2}).clone();
            s.decode(new int[]{3, 3});
            s.truncate(4);
            assertEquals(4, s.length(1));
            assertArrayEquals(first, s.decode(new int[]{1, 2}).clone());
        }
    }

    @Test
    void greedyAndSeededSamplingPickTheJvmEnginesTokens() {
        ModelSpec spec = LLAMA;
        for (Sampler[] samplers : new Sampler[][]{{Sampler.greedy(), Sampler.greedy()}, {new Sampler(0.8f, 7), new Sampler(0.8f, 7)}}) {
            try (Engine j = Backend.JVM.load(new SyntheticWeights(spec), Quant.FP32, 2); Session js = j.newSession(2, 40);
                 Engine t = torch(new SyntheticWeights(spec), Quant.FP32); Session ts = t.newSession(2, 40)) {
                int[][] prompts = {tokens(8, spec.vocab(), 4), tokens(8, spec.vocab(), 5)};
                int[] a = new int[2], b = new int[2];
                samplers[0].sample(js.prefill(prompts), spec.vocab(), a);
                samplers[1].sample(ts.prefill(prompts), spec.vocab(), b);
                for (int step = 0; step < 16; step++) {
                    assertArrayEquals(a, b, "step " + step);
                    samplers[0].sample(js.decode(a), spec.vocab(), a);
                    samplers[1].sample(ts.decode(b), spec.vocab(), b);
                }
            }
        }
    }

    @Test
    void noArrayOutlivesAStepOrASession() {
        ModelSpec spec = FALCON;
        try (TorchEngine e = TorchEngine.load(new SyntheticWeights(spec), Quant.FP32, 1, TorchEngine.Target.CPU)) {
            int weights = e.liveArrays();
            try (Session s = e.newSession(2, 40)) {
                int withSession = e.liveArrays();
                assertTrue(withSession > weights, "the session's caches are counted");
                for (int iteration = 0; iteration < 3; iteration++) { // as JMH iterations run a workload
                    s.truncate(0);
                    s.prefill(new int[][]{tokens(9, spec.vocab(), iteration), tokens(4, spec.vocab(), 9)});
                    for (int i = 0; i < 5; i++) s.decode(new int[]{i, i + 1});
                    assertEquals(withSession, e.liveArrays(), "arrays alive after iteration " + iteration);
                }
            }
            assertEquals(weights, e.liveArrays(), "a closed session leaves only the weights");
        }
    }

    @Test
    void weightBytesAreWhatTheMemoryCheckExpected() {
        for (ModelSpec spec : models()) {
            for (Quant q : new Quant[]{Quant.FP32, Quant.FP16, Quant.DYNAMIC}) {
                try (Engine e = torch(new SyntheticWeights(spec), q)) {
                    assertEquals(TorchEngine.storedBytes(spec, q), e.weightBytes(), spec.name() + " " + q);
                    assertEquals("torch", e.backend());
                }
            }
        }
    }

    @Test
    void decodeReadsEveryWeightOnceAndOnlyTheLookedUpRowsOfASeparateTable() {
        try (Engine llama = torch(new SyntheticWeights(LLAMA), Quant.FP32); Engine gpt2 = torch(new SyntheticWeights(GPT2), Quant.FP32)) {
            long table = 4L * LLAMA.vocab() * LLAMA.dim(), row = 4L * LLAMA.dim();
            assertEquals(llama.weightBytes() - table + 2 * row, llama.weightBytesPerDecodeStep(2), "llama: untied head");
            long positions = 4L * GPT2.maxSeq() * GPT2.dim();
            assertEquals(gpt2.weightBytes() - positions + 2 * 4L * GPT2.dim(), gpt2.weightBytesPerDecodeStep(2), "gpt2: tied head, read whole");
        }
    }

    @Test
    void aModelThatDoesNotFitIsRefusedBeforeAllocating() {
        LlmbenchException ex = assertThrows(LlmbenchException.class,
                () -> torch(new SyntheticWeights(ModelRegistry.get("codellama-34b")), Quant.FP32));
        assertTrue(ex.getMessage().matches("Model codellama-34b at fp32 does not fit: needs [0-9.]+ GiB, [0-9.]+ GiB available .*"), ex.getMessage());
    }

    @Test
    void quantsTorchCannotRunAreRefusedWithOneSentence() {
        assertMessage("torch: quant bf16 is refused: DJL 0.32's PyTorch engine aborts the whole JVM",
                () -> Backend.TORCH.requireSupported(Quant.BF16));
        assertMessage("quant=dynamic is PyTorch's dynamic quantization", () -> Backend.TORCH.requireSupported(Quant.INT8));
        assertMessage("int4 has no PyTorch kernel", () -> Backend.TORCH.requireSupported(Quant.INT4));
        assertMessage("nf4 has no PyTorch kernel", () -> Backend.TORCH.requireSupported(Quant.NF4));
        assertMessage("torch-cuda: quant dynamic is refused: PyTorch's dynamic quantization (fbgemm) runs on the CPU only",
                () -> Backend.TORCH_CUDA.requireSupported(Quant.DYNAMIC));
        assertMessage("valid quants for torch are fp32, fp16, dynamic.", () -> torch(new SyntheticWeights(LLAMA), Quant.BF16));
        Backend.TORCH.requireSupported(Quant.FP16);
        Backend.JVM.requireSupported(Quant.BF16);
    }

    @Test
    void cudaWithoutAGpuFailsInOneLine() {
        org.junit.jupiter.api.Assumptions.assumeFalse(org.llmbench.runtime.Libtorch.cudaAvailable(org.llmbench.runtime.Libtorch.engine()),
                "this machine has a GPU and the CUDA natives");
        LlmbenchException ex = assertThrows(LlmbenchException.class,
                () -> Backend.TORCH_CUDA.load(new SyntheticWeights(LLAMA), Quant.FP32, 1));
        assertTrue(ex.getMessage().startsWith("torch-cuda: "), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }

    @Test
    void badInputsFailWithTheJvmEnginesSentences() {
        ModelSpec spec = LLAMA;
        try (Engine e = torch(new SyntheticWeights(spec), Quant.FP32); Session s = e.newSession(2, 8)) {
            assertMessage("Token id 101 is out of range", () -> s.prefill(new int[][]{{1}, {101}}));
            assertMessage("Got 1 prompts for a session of batch 2", () -> s.prefill(new int[][]{{1}}));
            assertMessage("would hold 9 tokens", () -> s.prefill(new int[][]{new int[9], {1}}));
            assertMessage("is empty", () -> s.prefill(new int[][]{{}, {1}}));
            assertMessage("Got 1 tokens for a session of batch 2", () -> s.decode(new int[]{1}));
            assertMessage("Batch 0 is invalid", () -> e.newSession(0, 8));
            assertMessage("Sequence length 301 is invalid", () -> e.newSession(1, 301));
        }
    }

    static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable call) {
        LlmbenchException ex = assertThrows(LlmbenchException.class, call);
        assertTrue(ex.getMessage().contains(expectedPart), ex.getMessage());
    }
}
