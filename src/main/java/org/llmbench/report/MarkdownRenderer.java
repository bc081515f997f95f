package org.llmbench.report;

import java.util.List;

/** Renders a {@link Doc} as GitHub-flavoured Markdown. */
public final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    public static String render(Doc doc) {
        StringBuilder md = new StringBuilder();
        for (Doc.Block b : doc.blocks) {
            if (b instanceof Doc.Heading h) {
                md.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Doc.Para p) {
                md.append(p.text()).append("\n\n");
            } else if (b instanceof Doc.Bullets l) {
                l.items().forEach(i -> md.append("- ").append(i).append('\n'));
                md.append('\n');
            } else if (b instanceof Doc.Table t) {
                row(md, t.header());
                md.append('|').append("---|".repeat(t.header().size())).append('\n');
                t.rows().forEach(r -> row(md, r));
                md.append('\n');
            } else if (b instanceof Doc.Image i) {
                md.append("![").append(i.title()).append("](").append(i.file()).append(")\n\n");
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        cells.forEach(c -> md.append(' ').append(c.replace("|", "\\|")).append(" |"));
        md.append('\n');
    }
}
