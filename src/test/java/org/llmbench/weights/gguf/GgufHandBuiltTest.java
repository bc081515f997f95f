package org.llmbench.weights.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmbench.LlmbenchException;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.weights.TensorData;
import org.llmbench.weights.TensorType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** GGUF files written byte by byte with known contents. */
class GgufHandBuiltTest {
    @TempDir
    Path dir;

    /**
     * A one-layer llama of dim 32, 1 head, ffn 32, vocab 2, context 8. Each matrix is 32 x 32 except
     * token_embd (2 x 32): known values of several types. Returns the file.
     */
    private Path tinyLlama(int version, String embdType) throws IOException {
        String[] mats = {"blk.0.attn_q.weight", "blk.0.attn_k.weight", "blk.0.attn_v.weight", "blk.0.attn_output.weight",
                "blk.0.ffn_gate.weight", "blk.0.ffn_up.weight", "blk.0.ffn_down.weight"};
        String[] vecs = {"blk.0.attn_norm.weight", "blk.0.ffn_norm.weight", "output_norm.weight"};
        GgufBytes b = new GgufBytes().raw((byte) 'G', (byte) 'G', (byte) 'U', (byte) 'F').u32(version)
                .u64(1 + mats.length + vecs.length).u64(9)
                .kvStr("general.architecture", "llama").kvStr("general.name", "hand")
                .kvU32("llama.context_length", 8).kvU32("llama.embedding_length", 32).kvU32("llama.block_count", 1)
                .kvU32("llama.feed_forward_length", 32).kvU32("llama.attention.head_count", 1)
                .kvF32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                .str("tokenizer.ggml.tokens").u32(9).u32(8).u64(2).str("a").str("b"); // array of 2 strings
        long off = 0;
        int embdBytes = switch (embdType) {
            case "Q8_0" -> 2 * 34;
            case "Q4_0" -> 2 * 18;
            case "F16", "BF16" -> 2 * 32 * 2;
            default -> 2 * 32 * 4;
        };
        int embdId = switch (embdType) {
            case "Q8_0" -> 8;
            case "Q4_0" -> 2;
            case "F16" -> 1;
            case "BF16" -> 30;
            default -> 0;
        };
        b.tensor("token_embd.weight", embdId, off, 32, 2);
        off += align(embdBytes);
        for (String m : mats) {
            b.tensor(m, 0, off, 32, 32);
            off += 32 * 32 * 4;
        }
        for (String v : vecs) {
            b.tensor(v, 0, off, 32);
            off += 32 * 4;
        }
        b.padTo(32);
        // token_embd: row 0 holds 0..31 / 4, row 1 holds -(0..31) / 4, in the chosen type
        for (int r = 0; r < 2; r++) {
            float sign = r == 0 ? 1 : -1;
            switch (embdType) {
                case "Q8_0" -> { // d = 0.25 (fp16 0x3400), q = sign * j
                    b.u16(0x3400);
                    for (int j = 0; j < 32; j++) b.raw((byte) (sign * j));
                }
                case "Q4_0" -> { // d = 0.25 * sign; values -8..7 stored as q - 8: element j (j < 16 low nibble) = j - 8
                    b.u16(r == 0 ? 0x3400 : 0xB400);
                    for (int j = 0; j < 16; j++) b.raw((byte) ((j & 0xF) | ((j & 0xF) << 4)));
                }
                case "F16" -> {
                    for (int j = 0; j < 32; j++) b.u16(org.llmbench.quant.Fp16.fromFloat(sign * j / 4f));
                }
                case "BF16" -> {
                    for (int j = 0; j < 32; j++) b.u16(Float.floatToRawIntBits(sign * j / 4f) >>> 16);
                }
                default -> {
                    for (int j = 0; j < 32; j++) b.f32(sign * j / 4f);
                }
            }
        }
        b.padTo(32);
        for (int m = 0; m < mats.length; m++) {
            for (int i = 0; i < 32 * 32; i++) b.f32(i % 33 == 0 ? 0.5f : 0f); // 0.5 * identity
        }
        for (int v = 0; v < vecs.length; v++) {
            for (int i = 0; i < 32; i++) b.f32(1f);
        }
        Path p = dir.resolve("hand-" + version + "-" + embdType + ".gguf");
        Files.write(p, b.bytes());
        return p;
    }

    private static long align(long n) {
        return (n + 31) / 32 * 32;
    }

    @Test
    void readsMetadataShapesAndValuesOfEveryWrittenType() throws IOException {
        for (int version : new int[]{2, 3}) {
            for (String type : new String[]{"F32", "F16", "BF16", "Q8_0", "Q4_0"}) {
                Path p = tinyLlama(version, type);
                try (GgufWeights w = GgufWeights.open(p)) {
                    ModelSpec s = w.spec();
                    assertEquals(new ModelSpec("hand-" + version + "-" + type, Arch.LLAMA, 32, 1, 1, 1, 32, 2, 8, 10000f, 1e-5f, true), s);
                    assertEquals(version, w.file().version());
                    assertEquals("hand", w.file().string("general.name"));
                    TensorData embd = w.tensor("token_embd.weight");
                    assertEquals(TensorType.valueOf(type), embd.storedType());
                    float[] v = embd.toFloats();
                    for (int j = 0; j < 32; j++) {
                        float want = type.equals("Q4_0") ? (j % 16 - 8) * 0.25f : j / 4f;
                        assertEquals(want, v[j], 0f, type + " row 0 element " + j);
                        assertEquals(type.equals("Q4_0") ? -want : -j / 4f, v[32 + j], 0f, type + " row 1 element " + j);
                    }
                    float[] q = w.tensor("blk.0.attn_q.weight").toFloats();
                    assertEquals(0.5f, q[33]);
                    assertEquals(0f, q[34]);
                }
            }
        }
    }

    @Test
    void eachDamageGivesOneSentenceNamingTheFileAndProblem() throws IOException {
        byte[] good = Files.readAllBytes(tinyLlama(3, "F32"));
        check(patch(good, 0, 'X'), "GGUF magic");
        check(u32At(good, 4, 1), "version 1");
        check(u32At(good, 4, 7), "version 7");
        check(u64At(good, 8, 1_000_000_000_000L), "tensor count 1000000000000");
        check(u64At(good, 16, 1L << 40), "metadata count");
        check(u64At(good, 24, 1L << 60), "string length 1152921504606846976");
        check(java.util.Arrays.copyOf(good, 20), "shorter than a GGUF header");
        check(java.util.Arrays.copyOf(good, 200), "truncated");
        check(java.util.Arrays.copyOf(good, good.length - 4), "extends past the end");
        int embd = indexOf(good, "token_embd.weight");
        int typeAt = embd + "token_embd.weight".length() + 4 + 16;
        check(u32At(good, typeAt, 3), "Q4_1");
        check(u32At(good, typeAt, 99), "type id 99");
        check(u64At(good, typeAt + 4, 8), "not a multiple of the alignment");
        check(u64At(good, typeAt + 4, 1L << 40), "past the end");
        check(u64At(good, typeAt - 16, 33), "shape [33, 2]");
        check(u32At(good, typeAt - 20, 5), "5 dimensions");
        check(patch(good, embd, 'X'), "token_embd.weight is missing");
        int norm = indexOf(good, "output_norm.weight");
        check(patch(good, norm, 'X'), "output_norm.weight is missing");
        check(patch(good, indexOf(good, "llama.block_count"), 'X'), "llama.block_count is missing");
        check(patch(good, indexOf(good, "general.architecture") + 32, 'X'), "architecture 'Xlama' is not supported");
    }

    private void check(byte[] bytes, String expected) throws IOException {
        Path p = dir.resolve("bad.gguf");
        Files.write(p, bytes);
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> GgufWeights.open(p).close());
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(p.toString()), "'" + expected + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    static byte[] patch(byte[] b, int at, char c) {
        byte[] copy = b.clone();
        copy[at] = (byte) c;
        return copy;
    }

    static byte[] u32At(byte[] b, int at, long v) {
        byte[] copy = b.clone();
        for (int i = 0; i < 4; i++) copy[at + i] = (byte) (v >> (8 * i));
        return copy;
    }

    static byte[] u64At(byte[] b, int at, long v) {
        byte[] copy = b.clone();
        for (int i = 0; i < 8; i++) copy[at + i] = (byte) (v >> (8 * i));
        return copy;
    }

    static int indexOf(byte[] b, String s) {
        byte[] n = s.getBytes();
        outer:
        for (int i = 0; i + n.length <= b.length; i++) {
            for (int j = 0; j < n.length; j++) if (b[i + j] != n[j]) continue outer;
            return i;
        }
        throw new AssertionError(s + " not found");
    }
}
