package io.jiesu.analytics.problemlist;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly tracking rule of an entry: a month's appeals of the entry's category (and district) against the baseline
 * month average (the evidence window's appeals / its months, frozen at adoption):
 * {@code change = (appeals − baseline) / baseline} (null when the baseline is 0); with a target reduction of p %,
 * the month is on target when {@code appeals ≤ baseline · (1 − p/100)}. Repeat rate = cases with repeat appeals /
 * appeals, dissatisfaction rate = DISSATISFIED / visits with an answer (null without appeals or visits).
 */
public final class TrackingFigures {
    private TrackingFigures() {
    }

    public record Month(String month, int appeals, Double changeVsBaseline, Double repeatRate,
            Double dissatisfactionRate, Double target, Boolean onTarget) {
    }

    public static double baselineMonthAverage(int windowAppeals, int windowMonths) {
        return windowMonths <= 0 ? 0 : ProposalRanking.round4(windowAppeals / (double) windowMonths);
    }

    /** The baseline unrounded, so that the target and change do not carry the rounding of the average. */
    public static Month of(YearMonth month, int appeals, int repeatCases, int visits, int dissatisfied,
            int windowAppeals, int windowMonths, Double targetReductionPct) {
        double baseline = windowMonths <= 0 ? 0 : windowAppeals / (double) windowMonths;
        Double change = baseline == 0 ? null : ProposalRanking.round4((appeals - baseline) / baseline);
        Double target = targetReductionPct == null ? null
                : ProposalRanking.round4(baseline * (1 - targetReductionPct / 100));
        Boolean onTarget = targetReductionPct == null ? null
                : appeals <= baseline * (1 - targetReductionPct / 100) + 1e-9;
        return new Month(month.toString(), appeals, change,
                appeals == 0 ? null : ProposalRanking.round4(repeatCases / (double) appeals),
                visits == 0 ? null : ProposalRanking.round4(dissatisfied / (double) visits), target, onTarget);
    }

    /** The months of the year that have begun: January up to December, or up to the current month. */
    public static List<YearMonth> monthsSoFar(int year, YearMonth current) {
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = YearMonth.of(year, 1); m.getYear() == year && !m.isAfter(current); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }
}
