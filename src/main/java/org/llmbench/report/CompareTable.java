package org.llmbench.report;

import java.util.ArrayList;
import java.util.List;

/** The compare subcommand's output: one Markdown table row per configuration present in both runs. */
public final class CompareTable {
    private CompareTable() {
    }

    public static String render(Comparison c, String nameA, String nameB) {
        Doc doc = new Doc();
        doc.p("A = `" + nameA + "`, B = `" + nameB + "`. Scores are JMH's (mean ± 99.9% half-width); B/A = median(B) / median(A) of the per-fork median scores, "
                + "significant when its bootstrap 95% interval excludes 1.");
        List<List<String>> t = new ArrayList<>();
        for (Comparison.Pair p : c.pairs) {
            t.add(List.of(p.key(), Fmt.pm(p.base().score(), p.base().error()), Fmt.pm(p.cand().score(), p.cand().error()), p.base().unit(),
                    Fmt.num(RatioInterval.median(p.base().samples())) + " → " + Fmt.num(RatioInterval.median(p.cand().samples())),
                    Fmt.num(p.interval().ratio()), Fmt.num(p.interval().low()) + " – " + Fmt.num(p.interval().high()),
                    RegressionCheck.change(p), p.significant() ? "yes" : "no", p.verdict()));
        }
        if (t.isEmpty()) doc.p("No configuration is present in both.");
        else doc.table(List.of("configuration", "A score", "B score", "unit", "median A → B", "B/A", "95% CI", "change", "significant", "verdict"), t);
        List<String> notes = new ArrayList<>();
        c.onlyBaseline.forEach(k -> notes.add("only in A: " + k));
        c.onlyCandidate.forEach(k -> notes.add("only in B: " + k));
        notes.addAll(c.skipped);
        doc.bullets(notes);
        return MarkdownRenderer.render(doc);
    }
}
