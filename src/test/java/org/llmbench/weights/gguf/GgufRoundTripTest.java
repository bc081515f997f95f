package org.llmbench.weights.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.LlmbenchException;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.Bf16;
import org.llmbench.quant.Fp16;
import org.llmbench.quant.Quant;
import org.llmbench.weights.SyntheticWeights;
import org.llmbench.weights.TensorData;
import org.llmbench.weights.TensorType;
import org.llmbench.weights.TinyModels;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class GgufRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void exportedModelsGiveTheInMemoryLogitsAtEveryQuant() {
        for (ModelSpec spec : TinyModels.ALL) {
            SyntheticWeights synthetic = new SyntheticWeights(spec);
            for (Quant q : new Quant[]{Quant.FP32, Quant.FP16, Quant.INT8, Quant.INT4}) {
                Path file = dir.resolve(spec.name() + "-" + q + ".gguf");
                GgufWriter.write(synthetic, q, file);
                try (GgufWeights gguf = GgufWeights.open(file)) {
                    assertEquals(spec.arch(), gguf.spec().arch());
                    assertEquals(spec.tensors(), gguf.spec().tensors(), "same tensors and shapes");
                    assertArrayEquals(TinyModels.logits(synthetic, q), TinyModels.logits(gguf, q), spec.name() + " at " + q);
                    assertNull(gguf.conversion(q), "runs as stored");
                    assertEquals(q, org.llmbench.weights.QuantChoice.resolve("auto", gguf), "auto runs a " + q + " file as stored");
                }
            }
        }
    }

    @Test
    void exportedMetadataHasWhatLlamaCppReads() {
        for (ModelSpec spec : TinyModels.ALL) {
            Path file = dir.resolve("meta-" + spec.name() + ".gguf");
            GgufWriter.write(new SyntheticWeights(spec), Quant.INT4, file);
            GgufFile f = GgufReader.read(file);
            String a = spec.arch().id() + ".";
            assertEquals(spec.arch().id(), f.string("general.architecture"));
            assertEquals(2L, f.integer("general.file_type", -1), "MOSTLY_Q4_0");
            assertEquals(spec.dim(), f.integer(a + "embedding_length", -1));
            assertEquals(spec.layers(), f.integer(a + "block_count", -1));
            assertEquals(spec.ffnDim(), f.integer(a + "feed_forward_length", -1));
            assertEquals(spec.heads(), f.integer(a + "attention.head_count", -1));
            assertEquals(spec.maxSeq(), f.integer(a + "context_length", -1));
            if (spec.arch() != org.llmbench.model.Arch.GPT2) assertEquals(spec.kvHeads(), f.integer(a + "attention.head_count_kv", -1));
            GgufFile.GgufArray tokens = (GgufFile.GgufArray) f.metadata().get("tokenizer.ggml.tokens");
            assertEquals(spec.vocab(), tokens.count());
            assertEquals(spec.vocab(), new java.util.HashSet<>(tokens.strings()).size(), "tokens are unique");
            assertTrue(tokens.strings().contains(spec.arch() == org.llmbench.model.Arch.LLAMA ? "<0x0A>" : "\u010A"), "a newline token");
            GgufFile.GgufArray types = (GgufFile.GgufArray) f.metadata().get("tokenizer.ggml.token_type");
            assertEquals(spec.vocab(), types.count());
            assertEquals(3.0, types.numbers()[spec.arch() == org.llmbench.model.Arch.LLAMA ? 1 : spec.vocab() - 1], "a control token's type, as written");
            double[] scores = ((GgufFile.GgufArray) f.metadata().get("tokenizer.ggml.scores")).numbers();
            assertEquals(spec.vocab(), scores.length);
            assertTrue(f.integer("tokenizer.ggml.eos_token_id", -1) < spec.vocab());
            if (spec.arch() != org.llmbench.model.Arch.LLAMA) assertNotNull(f.metadata().get("tokenizer.ggml.merges"));
            assertEquals(0, f.dataOffset() % 32);
        }
    }

    @Test
    void storedValuesAreTheEncodedSyntheticValues() {
        ModelSpec spec = TinyModels.LLAMA;
        SyntheticWeights synthetic = new SyntheticWeights(spec);
        for (Quant q : new Quant[]{Quant.FP16, Quant.BF16}) {
            Path file = dir.resolve("values-" + q + ".gguf");
            GgufWriter.write(synthetic, q, file);
            try (GgufWeights gguf = GgufWeights.open(file)) {
                for (TensorSpec t : spec.tensors()) {
                    TensorData stored = gguf.tensor(t.name());
                    float[] want = synthetic.tensor(t.name()).toFloats();
                    if (t.matrix()) {
                        assertEquals(TensorType.of(q), stored.storedType());
                        for (int i = 0; i < want.length; i++) {
                            want[i] = q == Quant.FP16 ? Fp16.toFloat(Fp16.fromFloat(want[i])) : Bf16.toFloat(Bf16.fromFloat(want[i]));
                        }
                    } else {
                        assertEquals(TensorType.F32, stored.storedType());
                    }
                    assertArrayEquals(want, stored.toFloats(), t.name());
                }
            }
        }
    }

    @Test
    void aDifferentQuantConvertsOnLoadAndSaysSo() {
        SyntheticWeights synthetic = new SyntheticWeights(TinyModels.GPT2);
        Path file = dir.resolve("q8.gguf");
        GgufWriter.write(synthetic, Quant.INT8, file);
        try (GgufWeights gguf = GgufWeights.open(file)) {
            assertTrue(gguf.conversion(Quant.FP32).contains("Q8_0->fp32"), gguf.conversion(Quant.FP32));
            float[] logits = TinyModels.logits(gguf, Quant.FP32);
            for (float v : logits) assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void exportRefusesToOverwriteAndNamesTheQuantsGgufHolds() {
        SyntheticWeights synthetic = new SyntheticWeights(TinyModels.FALCON);
        Path file = dir.resolve("f.gguf");
        GgufWriter.write(synthetic, Quant.FP32, file);
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> GgufWriter.write(synthetic, Quant.FP32, file));
        assertTrue(e.getMessage().contains("overwrite"), e.getMessage());
        e = assertThrows(LlmbenchException.class, () -> GgufWriter.write(synthetic, Quant.NF4, dir.resolve("n.gguf")));
        assertTrue(e.getMessage().contains("nf4") && e.getMessage().contains("int4"), e.getMessage());
    }
}
