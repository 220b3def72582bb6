package io.jiesu.analytics.problemlist;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The year's problem list rules, plain: the evidence window, the ranking, the monthly figures, the status moves. */
class ProblemListRulesTest {

    @Test
    void theWindowIsTheTwelveMonthsBeforeTheYearOrBeforeNow() {
        // drawn up after the year began: the calendar year before
        assertEquals(new ProposalRanking.Window(YearMonth.of(2021, 1), YearMonth.of(2021, 12)),
                ProposalRanking.window(2022, YearMonth.of(2026, 12)));
        // drawn up in December 2024 for 2025: December 2023 – November 2024
        ProposalRanking.Window w = ProposalRanking.window(2025, YearMonth.of(2024, 12));
        assertEquals(new ProposalRanking.Window(YearMonth.of(2023, 12), YearMonth.of(2024, 11)), w);
        assertEquals(12, w.months());
    }

    @Test
    void rankedByAppealsThenDissatisfiedThenRepeatsAboveTheThresholds() {
        var elevator = new ProposalRanking.Figures("ELEVATOR", "110107", 40, 8, 4, 10, 3);
        var noise = new ProposalRanking.Figures("NOISE", "110105", 40, 9, 9, 10, 5);      // same appeals, more dissatisfied
        var parking = new ProposalRanking.Figures("PARKING", "110105", 55, 12, 0, 0, 0);
        var spike = new ProposalRanking.Figures("FIRE_HAZARD", "110108", 90, 1, 0, 0, 0); // one month only: a spike
        var small = new ProposalRanking.Figures("TAXI", "110101", 19, 12, 0, 0, 0);       // under 20 appeals
        var heating = new ProposalRanking.Figures("HEATING", "110106", 30, 6, 3, 3, 0);
        List<ProposalRanking.Ranked> ranked = ProposalRanking.rank(List.of(elevator, noise, parking, spike, small,
                heating), new ProposalRanking.Thresholds(3, 20, 6));
        // 55 > 40 = 40 (NOISE has 5 dissatisfied against 3) > 30, cut at 3
        assertEquals(List.of("PARKING", "NOISE", "ELEVATOR"),
                ranked.stream().map(r -> r.figures().categoryCode()).toList());
        assertEquals(List.of(1, 2, 3), ranked.stream().map(ProposalRanking.Ranked::rank).toList());
        // evidence: 9 repeat cases / 40 = 0.225; 5 dissatisfied / 10 visits = 0.5
        assertEquals(0.225, noise.repeatRate());
        assertEquals(0.5, noise.dissatisfactionRate());
        assertEquals(0.0, parking.dissatisfactionRate()); // no visits: 0, not a division by zero
        assertEquals("PL-2022-ELEVATOR-110107", ProposalRanking.entryId(2022, "ELEVATOR", "110107"));
        assertEquals("PL-2022-ELEVATOR", ProposalRanking.entryId(2022, "ELEVATOR", null));
    }

    @Test
    void aMonthAgainstTheBaselineAverageAndTheTarget() {
        // 48 appeals over 12 months: baseline 4 a month; target −25 % → 3 a month
        TrackingFigures.Month march = TrackingFigures.of(YearMonth.of(2022, 3), 3, 1, 2, 1, 48, 12, 25.0);
        assertEquals(-0.25, march.changeVsBaseline());   // (3 − 4) / 4
        assertEquals(0.3333, march.repeatRate());        // 1 / 3
        assertEquals(0.5, march.dissatisfactionRate());  // 1 / 2
        assertEquals(3.0, march.target());
        assertTrue(march.onTarget());                    // 3 ≤ 3
        TrackingFigures.Month april = TrackingFigures.of(YearMonth.of(2022, 4), 5, 0, 0, 0, 48, 12, 25.0);
        assertEquals(0.25, april.changeVsBaseline());    // (5 − 4) / 4
        assertFalse(april.onTarget());
        assertNull(april.dissatisfactionRate());         // no visits
        // 4 appeals over 12 months: baseline 0.3333; January with 1 appeal: (1 − 1/3) / (1/3) = 2
        TrackingFigures.Month jan = TrackingFigures.of(YearMonth.of(2022, 1), 1, 0, 0, 0, 4, 12, null);
        assertEquals(2.0, jan.changeVsBaseline());
        assertNull(jan.target());
        assertNull(jan.onTarget());
        assertNull(TrackingFigures.of(YearMonth.of(2022, 1), 1, 0, 0, 0, 0, 12, null).changeVsBaseline());
        assertEquals(0.3333, TrackingFigures.baselineMonthAverage(4, 12));
        assertEquals(3, TrackingFigures.monthsSoFar(2026, YearMonth.of(2026, 3)).size());
        assertEquals(12, TrackingFigures.monthsSoFar(2022, YearMonth.of(2026, 3)).size());
    }

    @Test
    void statusMoves() {
        assertTrue(ProblemStatus.PROPOSED.canBecome(ProblemStatus.ADOPTED));
        assertTrue(ProblemStatus.PROPOSED.canBecome(ProblemStatus.DROPPED));
        assertFalse(ProblemStatus.PROPOSED.canBecome(ProblemStatus.COMPLETED));
        assertTrue(ProblemStatus.ADOPTED.canBecome(ProblemStatus.COMPLETED));
        assertTrue(ProblemStatus.ADOPTED.canBecome(ProblemStatus.DROPPED));
        assertFalse(ProblemStatus.ADOPTED.canBecome(ProblemStatus.ADOPTED));
        assertFalse(ProblemStatus.DROPPED.canBecome(ProblemStatus.ADOPTED));
        assertFalse(ProblemStatus.COMPLETED.canBecome(ProblemStatus.DROPPED));
    }

    @Test
    void aRuleChangeNamesEveryProblem() {
        assertEquals(5, ProblemListRule.problemsOf(new ProblemListRule.Change(0, 0, 13, "STREET", " ")).size());
        assertTrue(ProblemListRule.problemsOf(new ProblemListRule.Change(10, 100, 6, "district", "年度例行")).isEmpty());
        assertEquals(ProposalRanking.Area.DISTRICT, ProblemListRule.areaOf(" district "));
        assertNull(ProblemListRule.areaOf(null));
    }
}
