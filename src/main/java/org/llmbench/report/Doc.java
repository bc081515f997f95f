package org.llmbench.report;

import java.util.ArrayList;
import java.util.List;

/** A report as a list of blocks, rendered to Markdown and HTML alike so both say the same. */
public final class Doc {
    public sealed interface Block permits Heading, Para, Table, Bullets, Image {
    }

    public record Heading(int level, String text) implements Block {
    }

    public record Para(String text) implements Block {
    }

    public record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    public record Bullets(List<String> items) implements Block {
    }

    /** A chart written next to the report as {@code file}. */
    public record Image(String title, String file) implements Block {
    }

    public final List<Block> blocks = new ArrayList<>();

    public Doc h(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    public Doc p(String text) {
        blocks.add(new Para(text));
        return this;
    }

    public Doc table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(List.copyOf(header), rows.stream().map(List::copyOf).toList()));
        return this;
    }

    public Doc bullets(List<String> items) {
        if (!items.isEmpty()) blocks.add(new Bullets(List.copyOf(items)));
        return this;
    }

    public Doc image(String title, String file) {
        blocks.add(new Image(title, file));
        return this;
    }
}
