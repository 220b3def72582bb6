package io.jiesu.console.desk.leader;

import io.quarkus.qute.TemplateExtension;

import java.util.Locale;

/** How the leaders' and district desks print evaluation's figures: {@code {fig:pct(rate)}}, {@code {fig:one(score)}}. */
@TemplateExtension(namespace = "fig")
public final class Figures {
    private Figures() {
    }

    /** A rate 0..1 as a whole percentage ("87%"); blank when absent. */
    public static String pct(Object rate) {
        return rate instanceof Number n ? Math.round(n.doubleValue() * 100) + "%" : "";
    }

    /** A score with one decimal; blank when absent. */
    public static String one(Object score) {
        return score instanceof Number n ? String.format(Locale.ROOT, "%.1f", n.doubleValue()) : "";
    }
}
