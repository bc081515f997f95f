package org.llmbench.weights.hf;

import org.llmbench.LlmbenchException;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.Bf16;
import org.llmbench.quant.Fp16;
import org.llmbench.quant.Quant;
import org.llmbench.weights.SyntheticWeights;
import org.llmbench.weights.TinyModels;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.gguf.GgufWeights;
import org.llmbench.weights.gguf.GgufWriter;
import org.llmbench.weights.resolve.WeightSources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class HfWeightsTest {
    @TempDir
    Path dir;

    /** Falcon with one kv head per query head (multi_query false) exercises the regrouping of fused rows. */
    static final ModelSpec FALCON_MHA = new ModelSpec("t-falcon-mha", Arch.FALCON, 64, 1, 4, 4, 128, 100, 32, 10000f, 1e-5f, true);

    @Test
    void aFolderAndItsGgufConversionGiveTheSyntheticModelsLogits() throws IOException {
        for (ModelSpec spec : new ModelSpec[]{TinyModels.LLAMA, TinyModels.GPT2, TinyModels.FALCON, FALCON_MHA}) {
            SyntheticWeights synthetic = new SyntheticWeights(spec);
            Path folder = HfFolders.write(synthetic, dir.resolve(spec.name()), "F32", spec == TinyModels.LLAMA ? 3 : 1);
            float[] want = TinyModels.logits(synthetic, Quant.FP32);
            try (WeightSource hf = WeightSources.open(folder.toString())) {
                assertTrue(hf instanceof HfWeights);
                ModelSpec got = hf.spec();
                assertEquals(spec.tensors(), got.tensors(), spec.name());
                assertEquals(spec.arch(), got.arch());
                assertEquals(spec.kvHeads(), got.kvHeads());
                for (TensorSpec t : spec.tensors()) {
                    assertArrayEquals(synthetic.tensor(t.name()).toFloats(), hf.tensor(t.name()).toFloats(), t.name());
                }
                assertArrayEquals(want, TinyModels.logits(hf, Quant.FP32), spec.name() + " folder");
                Path gguf = dir.resolve(spec.name() + ".gguf");
                GgufWriter.write(hf, Quant.FP32, gguf);
                try (GgufWeights g = GgufWeights.open(gguf)) {
                    assertArrayEquals(want, TinyModels.logits(g, Quant.FP32), spec.name() + " converted to GGUF");
                }
            }
        }
    }

    @Test
    void halfPrecisionDtypesDecodeExactly() throws IOException {
        SyntheticWeights synthetic = new SyntheticWeights(TinyModels.GPT2);
        for (String dtype : new String[]{"F16", "BF16"}) {
            Path folder = HfFolders.write(synthetic, dir.resolve("gpt2-" + dtype), dtype, 2);
            try (HfWeights hf = HfWeights.open(folder)) {
                float[] want = synthetic.tensor("blk.1.ffn_up.weight").toFloats();
                for (int i = 0; i < want.length; i++) {
                    want[i] = dtype.equals("F16") ? Fp16.toFloat(Fp16.fromFloat(want[i])) : Bf16.toFloat(Bf16.fromFloat(want[i]));
                }
                assertArrayEquals(want, hf.tensor("blk.1.ffn_up.weight").toFloats());
                assertTrue(hf.conversion(Quant.FP32).contains(dtype + "->fp32"), hf.conversion(Quant.FP32));
            }
        }
    }

    @Test
    void badFoldersFailWithOneSentence() throws IOException {
        Path folder = HfFolders.write(new SyntheticWeights(TinyModels.LLAMA), dir.resolve("llama"), "F32", 1);
        Path st = folder.resolve("model.safetensors");
        byte[] good = Files.readAllBytes(st);
        expect(folder, "does not fit", () -> Files.write(st, java.util.Arrays.copyOf(good, 8)));
        expect(folder, "outside the file", () -> Files.write(st, java.util.Arrays.copyOf(good, good.length - 1)));
        expect(folder, "not a JSON object", () -> Files.write(st, replace(good, "{\"__metadata__\"", "[\"__metadata__\"")));
        expect(folder, "has dtype I8", () -> Files.write(st, replace(good, "\"F32\"", "\"I8\" ")));
        expect(folder, "lacks tensor model.norm.weight", () -> Files.write(st, replace(good, "model.norm.weight", "model.norm.weighX")));
        expect(folder, "should take 128 bytes, not 256", () -> Files.write(st, replace(good, "\"shape\": [64]", "\"shape\": [32]")));
        Files.write(st, good);
        String config = Files.readString(folder.resolve("config.json"));
        expect(folder, "MambaForCausalLM is not supported", () -> Files.writeString(folder.resolve("config.json"), config.replace("LlamaForCausalLM", "MambaForCausalLM")));
        expect(folder, "no num_hidden_layers", () -> Files.writeString(folder.resolve("config.json"), config.replace("num_hidden_layers", "layers")));
        expect(folder, "config.json", () -> Files.delete(folder.resolve("config.json")));
    }

    interface Damage {
        void apply() throws IOException;
    }

    private static void expect(Path folder, String expected, Damage damage) throws IOException {
        damage.apply();
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> WeightSources.validate(folder.toString()));
        assertTrue(e.getMessage().contains(expected), "'" + expected + "' in: " + e.getMessage());
    }

    /** Replaces the first occurrence of a same-length string in the bytes. */
    static byte[] replace(byte[] b, String from, String to) {
        assertEquals(from.length(), to.length());
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = s.indexOf(from);
        assertTrue(at >= 0, from);
        byte[] copy = b.clone();
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, copy, at, t.length);
        return copy;
    }
}
