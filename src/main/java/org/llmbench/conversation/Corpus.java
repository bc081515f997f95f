package org.llmbench.conversation;

import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shipped corpus (corpus.txt: paragraphs of technical prose, written for llmbench) and the
 * long texts recombined from it: numbered sections of a few paragraphs each, drawn by a seeded
 * SplittableRandom, so the same length and seed give the same text on every JVM.
 */
public final class Corpus {
    private static volatile Corpus shipped;
    private final List<String> paragraphs;
    private final List<String> titles;

    Corpus(List<String> paragraphs, List<String> titles) {
        if (paragraphs.isEmpty() || titles.isEmpty()) throw new IllegalArgumentException("a corpus needs paragraphs and titles");
        this.paragraphs = paragraphs;
        this.titles = titles;
    }

    public static Corpus shipped() {
        Corpus c = shipped;
        if (c == null) {
            try (InputStream in = Corpus.class.getResourceAsStream("corpus.txt")) {
                if (in == null) throw new LlmbenchException("The conversation corpus is missing from the jar (org/llmbench/conversation/corpus.txt); rebuild it.");
                c = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new LlmbenchException("Cannot read the conversation corpus: " + e.getMessage());
            }
            shipped = c;
        }
        return c;
    }

    /** Blocks separated by blank lines; a block starting with "# " is a section title, every other one a paragraph. */
    static Corpus parse(String text) {
        List<String> blocks = Arrays.stream(text.replace("\r\n", "\n").split("\n\\s*\n")).map(String::strip).filter(b -> !b.isEmpty()).toList();
        return new Corpus(blocks.stream().filter(b -> !b.startsWith("# ")).map(b -> b.replaceAll("\\s*\n\\s*", " ")).toList(),
                blocks.stream().filter(b -> b.startsWith("# ")).map(b -> b.substring(2).strip()).toList());
    }

    /**
     * About {@code bytes} UTF-8 bytes (ASCII text: exactly, cut at the last space before the end):
     * sections "Section N. Title" of two to four paragraphs each.
     */
    public String generate(int bytes, long seed) {
        if (bytes <= 0) return "";
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(bytes + 1024);
        for (int section = 1; out.length() < bytes; section++) {
            out.append("Section ").append(section).append(". ").append(titles.get(random.nextInt(titles.size()))).append("\n\n");
            for (int p = 2 + random.nextInt(3); p > 0 && out.length() < bytes; p--) out.append(paragraphs.get(random.nextInt(paragraphs.size()))).append("\n\n");
        }
        if (out.length() <= bytes) return out.toString();
        int cut = out.lastIndexOf(" ", bytes);
        return out.substring(0, cut > bytes / 2 ? cut : bytes);
    }

    /** The first {@code bytes} of the corpus's paragraphs, for measuring a tokenizer on the same kind of text. */
    public String sample(int bytes) {
        StringBuilder out = new StringBuilder();
        for (String p : paragraphs) {
            if (out.length() >= bytes) break;
            out.append(p).append("\n\n");
        }
        return out.length() <= bytes ? out.toString() : out.substring(0, bytes);
    }

    int paragraphCount() {
        return paragraphs.size();
    }
}
