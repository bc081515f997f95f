package org.llmbench.weights;

import org.llmbench.LlmbenchException;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.gguf.GgufWriter;
import org.llmbench.weights.resolve.WeightSources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Seeded random damage to small valid files: every damaged file either loads and runs, or fails
 * with one LlmbenchException naming the file; never another exception, a hang or a huge allocation.
 */
class DamagedFilesTest {
    private static final int MUTATIONS = 300;
    private static final ModelSpec SMALL = new ModelSpec("small", Arch.LLAMA, 32, 1, 2, 1, 32, 100, 8, 10000f, 1e-5f, false);

    @TempDir
    Path dir;

    @Test
    void damagedGgufFilesLoadOrFailCleanly() throws IOException {
        for (Quant q : new Quant[]{Quant.INT8, Quant.INT4}) {
            Path good = dir.resolve("good-" + q + ".gguf");
            GgufWriter.write(new SyntheticWeights(SMALL), q, good);
            mutate(Files.readAllBytes(good), dir.resolve("bad-" + q + ".gguf"), 7 + q.ordinal(), q);
        }
    }

    @Test
    void damagedSafetensorsLoadOrFailCleanly() throws IOException {
        Path folder = dir.resolve("hf");
        org.llmbench.weights.hf.HfFoldersAccess.write(new SyntheticWeights(SMALL), folder);
        Path st = folder.resolve("model.safetensors");
        mutate(Files.readAllBytes(st), st, 11, Quant.FP32);
    }

    private void mutate(byte[] good, Path target, long seed, Quant quant) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int headerEnd = Math.min(good.length, 4096);
        int loaded = 0, failed = 0;
        for (int m = 0; m < MUTATIONS; m++) {
            byte[] bad = good.clone();
            switch (r.nextInt(4)) {
                case 0 -> bad[r.nextInt(headerEnd)] = (byte) r.nextInt(256); // one byte of the header
                case 1 -> { // an 8-byte field of the header set to a huge or random value
                    int at = r.nextInt(headerEnd - 8);
                    long v = r.nextBoolean() ? 1L << (20 + r.nextInt(43)) : r.nextLong();
                    for (int i = 0; i < 8; i++) bad[at + i] = (byte) (v >> (8 * i));
                }
                case 2 -> bad = java.util.Arrays.copyOf(good, r.nextInt(good.length)); // truncated
                default -> bad[r.nextInt(good.length)] ^= (byte) (1 << r.nextInt(8)); // one bit anywhere
            }
            Files.deleteIfExists(target);
            Files.write(target, bad);
            String model = target.getFileName().toString().endsWith(".gguf") ? target.toString() : target.getParent().toString();
            try (WeightSource w = WeightSources.open(model)) {
                float[] logits = TinyModels.logits(w, quant);
                assertEquals(3 * w.spec().vocab(), logits.length);
                loaded++;
            } catch (LlmbenchException e) {
                assertTrue(e.getMessage().contains(target.getFileName().toString()) || e.getMessage().contains(target.getParent().toString()),
                        "the error names the file: " + e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                failed++;
            }
        }
        assertEquals(MUTATIONS, loaded + failed);
        assertTrue(failed > MUTATIONS / 10 && loaded > 0, "mutations both break and spare files: " + loaded + " loaded, " + failed + " failed");
    }
}
