package io.jiesu.analytics.problemlist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The thresholds a proposal of the year's problem list uses (年度问题清单): how many problems it keeps, the fewest
 * appeals over the 12-month window and the fewest months with appeals, and the default area. Where it came from:
 * {@code CONFIG} (the defaults of {@code jiesu.analytics.problem-list.*}) or {@code ADMIN} (set through
 * {@code PUT /api/v1/admin/problem-list/rule}, with who, when and why).
 */
public record ProblemListRule(int top, int minAppeals, int minMonths, ProposalRanking.Area area, Source source,
        String reason, String updatedBy, Instant updatedAt) {

    public enum Source {
        CONFIG, ADMIN
    }

    /** A change asked for by an administrator. */
    public record Change(Integer top, Integer minAppeals, Integer minMonths, String area, String reason) {
    }

    static ProblemListRule ofConfig(ProblemListSettings s) {
        return new ProblemListRule(s.top(), s.minAppeals(), s.minMonths(), s.area(), Source.CONFIG, null, null, null);
    }

    ProposalRanking.Thresholds thresholds() {
        return new ProposalRanking.Thresholds(top, minAppeals, minMonths);
    }

    /** What is wrong with a change, field by field; empty when it can be stored. */
    static List<String> problemsOf(Change c) {
        List<String> out = new ArrayList<>();
        if (c.top() == null || c.top() < 1 || c.top() > 50) {
            out.add("top must be 1..50 (how many problems a proposal keeps)");
        }
        if (c.minAppeals() == null || c.minAppeals() < 1) {
            out.add("minAppeals must be at least 1");
        }
        if (c.minMonths() == null || c.minMonths() < 1 || c.minMonths() > 12) {
            out.add("minMonths must be 1..12 (months of the 12-month window with appeals)");
        }
        if (areaOf(c.area()) == null) {
            out.add("area must be CITY or DISTRICT");
        }
        if (c.reason() == null || c.reason().isBlank()) {
            out.add("reason is required: say why the thresholds change");
        } else if (c.reason().length() > 500) {
            out.add("reason must be at most 500 characters");
        }
        return out;
    }

    static ProposalRanking.Area areaOf(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ProposalRanking.Area.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
