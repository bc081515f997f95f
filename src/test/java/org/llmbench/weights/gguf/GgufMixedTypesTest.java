package org.llmbench.weights.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.Fp16;
import org.llmbench.quant.KQuants;
import org.llmbench.quant.LittleEndian;
import org.llmbench.quant.Quant;
import org.llmbench.weights.QuantChoice;
import org.llmbench.weights.SyntheticWeights;
import org.llmbench.weights.TensorType;
import org.llmbench.weights.TinyModels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** A file laid out like llama.cpp's Q4_0 output: Q4_0 matrices, a Q6_K output head, F32 norms. */
class GgufMixedTypesTest {
    @TempDir
    Path dir;

    @Test
    void aQ6kOutputHeadIsConvertedOnLoadAndTheRestRunsAsStored() throws IOException {
        ModelSpec spec = new ModelSpec("mixed", Arch.LLAMA, 256, 1, 2, 2, 256, 100, 8, 10000f, 1e-5f, false);
        SyntheticWeights synthetic = new SyntheticWeights(spec);
        byte[] q6k = new byte[spec.vocab() * KQuants.Q6_K_BYTES];
        new SplittableRandom(3).nextBytes(q6k);
        for (int b = 0; b < spec.vocab(); b++) LittleEndian.putShort(q6k, b * KQuants.Q6_K_BYTES + 208, Fp16.fromFloat(0.001f));

        GgufBytes g = new GgufBytes().raw((byte) 'G', (byte) 'G', (byte) 'U', (byte) 'F').u32(3).u64(spec.tensors().size()).u64(7)
                .kvStr("general.architecture", "llama").kvU32("llama.context_length", 8).kvU32("llama.embedding_length", 256)
                .kvU32("llama.block_count", 1).kvU32("llama.feed_forward_length", 256).kvU32("llama.attention.head_count", 2)
                .kvF32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        List<byte[]> data = new ArrayList<>();
        long off = 0;
        for (TensorSpec t : spec.tensors()) {
            byte[] bytes;
            int type;
            if (t.name().equals("output.weight")) {
                bytes = q6k;
                type = TensorType.Q6_K.ggmlId();
            } else if (t.matrix()) {
                bytes = GgufWriter.encode(synthetic.tensor(t.name()), TensorType.Q4_0);
                type = TensorType.Q4_0.ggmlId();
            } else {
                float[] v = synthetic.tensor(t.name()).toFloats();
                ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                for (float x : v) b.putFloat(x);
                bytes = b.array();
                type = 0;
            }
            if (t.matrix()) g.tensor(t.name(), type, off, t.cols(), t.rows());
            else g.tensor(t.name(), type, off, t.cols());
            data.add(bytes);
            off += (bytes.length + 31) / 32 * 32;
        }
        g.padTo(32);
        for (byte[] b : data) g.raw(b).padTo(32);
        Path file = dir.resolve("mixed.gguf");
        Files.write(file, g.bytes());

        try (GgufWeights w = GgufWeights.open(file)) {
            assertEquals(spec.tensors(), w.spec().tensors());
            assertEquals(TensorType.Q6_K, w.tensor("output.weight").storedType());
            float[] want = new float[spec.vocab() * 256];
            KQuants.decodeQ6K(q6k, 0, spec.vocab(), want, 0);
            assertArrayEquals(want, w.tensor("output.weight").toFloats());
            assertEquals("converted on load (decoded to fp32, then stored as the requested quant): Q6_K->int4 x1", w.conversion(Quant.INT4));
            float[] logits = TinyModels.logits(w, Quant.INT4);
            for (float v : logits) assertTrue(Float.isFinite(v));
            assertTrue(w.conversion(Quant.FP32).contains("Q4_0->fp32 x8, Q6_K->fp32 x1"), w.conversion(Quant.FP32));
            // auto: the dominant type (Q4_0 holds most matrix values), the Q6_K head converted and said so
            assertEquals(Quant.INT4, w.storedQuant());
            assertEquals(Quant.INT4, QuantChoice.resolve("auto", w));
            assertEquals("int4 (auto: the dominant stored type; converted on load (decoded to fp32, then stored as the requested quant): Q6_K->int4 x1)",
                    QuantChoice.describe("auto", w));
        }
    }
}
