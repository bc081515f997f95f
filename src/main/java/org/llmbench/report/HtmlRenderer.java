package org.llmbench.report;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Renders a {@link Doc} as one self-contained HTML file, charts embedded as base64 PNG. */
public final class HtmlRenderer {
    private HtmlRenderer() {
    }

    public static String render(Doc doc, Map<String, byte[]> images) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>llmbench report</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1100px;margin:auto;padding:1em}"
                + "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
                + "th{background:#eee}td:first-child{text-align:left}img{max-width:100%}</style></head><body>\n");
        for (Doc.Block b : doc.blocks) {
            if (b instanceof Doc.Heading x) {
                h.append("<h").append(x.level()).append('>').append(inline(x.text())).append("</h").append(x.level()).append(">\n");
            } else if (b instanceof Doc.Para p) {
                h.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (b instanceof Doc.Bullets l) {
                h.append("<ul>\n");
                l.items().forEach(i -> h.append("<li>").append(inline(i)).append("</li>\n"));
                h.append("</ul>\n");
            } else if (b instanceof Doc.Table t) {
                h.append("<table>\n");
                cells(h, t.header(), "th");
                t.rows().forEach(r -> cells(h, r, "td"));
                h.append("</table>\n");
            } else if (b instanceof Doc.Image i) {
                byte[] png = images.get(i.file());
                if (png != null) {
                    h.append("<figure><img alt=\"").append(escape(i.title())).append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>")
                            .append(escape(i.title())).append("</figcaption></figure>\n");
                }
            }
        }
        return h.append("</body></html>\n").toString();
    }

    private static void cells(StringBuilder h, List<String> cells, String tag) {
        h.append("<tr>");
        cells.forEach(c -> h.append('<').append(tag).append('>').append(inline(c)).append("</").append(tag).append('>'));
        h.append("</tr>\n");
    }

    /** Escapes, then keeps the two Markdown marks the report uses: **bold** and `code`. */
    static String inline(String text) {
        return escape(text).replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>").replaceAll("`(.+?)`", "<code>$1</code>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
