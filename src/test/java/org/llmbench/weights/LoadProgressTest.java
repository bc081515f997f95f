package org.llmbench.weights;

import org.junit.jupiter.api.Test;
import org.llmbench.model.ModelRegistry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LoadProgressTest {
    /** Reads every tensor as an engine load does, the clock advancing {@code stepNanos} per tensor; returns the lines printed. */
    private static List<String> load(long stepNanos) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        LoadProgress p = new LoadProgress(new SyntheticWeights(ModelRegistry.get("llama-tiny")), "llama-tiny at fp32",
                new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);
        for (var t : p.spec().tensors()) {
            p.tensor(t.name());
            now[0] += stepNanos;
        }
        p.finished();
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aFastLoadIsQuiet() {
        assertEquals(List.of(), load(1_000_000));
    }

    @Test
    void aSlowLoadSaysHowFarItGotAtMostEveryThreeSecondsThenWhenDone() {
        int tensors = ModelRegistry.get("llama-tiny").tensors().size();
        List<String> lines = load(500_000_000L); // half a second per tensor
        double seconds = tensors * 0.5;
        assertTrue(lines.get(0).matches("# Setup: loading llama-tiny at fp32 \\(generating weights\\): \\d+% after 1\\.0 s"), lines.get(0));
        assertEquals(String.format(java.util.Locale.ROOT, "# Setup: llama-tiny at fp32 loaded in %.1f s", seconds), lines.get(lines.size() - 1));
        int progress = lines.size() - 1;
        assertTrue(progress >= seconds / 3 - 1 && progress <= seconds / 3 + 2, lines.toString());
        List<Integer> pct = lines.subList(0, progress).stream().map(l -> Integer.parseInt(l.replaceAll(".*: (\\d+)% .*", "$1"))).toList();
        for (int i = 1; i < pct.size(); i++) assertTrue(pct.get(i) >= pct.get(i - 1), "monotone: " + pct);
        assertTrue(pct.get(pct.size() - 1) > 50, pct.toString());
    }
}
