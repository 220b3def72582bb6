package io.jiesu.evaluation.scoring;

import io.jiesu.contract.event.Enums.Resolution;
import io.jiesu.contract.event.Enums.Satisfaction;
import io.jiesu.contract.event.UnitScore;
import io.jiesu.evaluation.governance.GovernanceRule;
import io.jiesu.evaluation.scheme.CountedOutcome;
import io.jiesu.evaluation.scheme.SchemeRules;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.jiesu.evaluation.scoring.CaseTally.Standing.COMPLETED;
import static io.jiesu.evaluation.scoring.CaseTally.Standing.OPEN_OVERDUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The scoring rules on hand-computed months, without Quarkus, database or broker (milliseconds). */
class ScoringRulesTest {
    static final String X = "110101001", Y = "110101002", DISTRICT = "110101";

    /** Like the seeded 2027-v1: response = sign-for 50 % + contact 50 %, open overdue costs all three, 1 point/mark. */
    static final SchemeRules RULES = new SchemeRules("t", 0.30, 0.35, 0.35, 0.5, 0.8, 0.10, 0.5, 2, 1, 0.5, 1.0,
            true, true, Map.of(CountedOutcome.RESOLVED, 1.0, CountedOutcome.PARTLY_RESOLVED, 0.5,
                    CountedOutcome.CONDITIONS_BEING_CREATED, 0.5, CountedOutcome.CANNOT_SOLVE, 0.0),
            EnumSet.of(Resolution.UNRESOLVED), EnumSet.of(Satisfaction.DISSATISFIED), Duration.ofHours(48));

    static CaseTally done(String unit, int n, CountedOutcome outcome, Resolution r, Satisfaction s) {
        return new CaseTally(unit, DISTRICT, COMPLETED, true, true, null, outcome, true, r, s, n);
    }

    static UnitScore of(ScoringRules.MonthResult m, String group, String unit) {
        return m.scores().stream().filter(s -> s.peerGroup().equals(group) && s.unitCode().equals(unit)).findFirst()
                .orElseThrow();
    }

    static ScoringRules.MonthResult score(List<CaseTally> tallies, Map<String, Integer> marks) {
        return ScoringRules.score(tallies, Map.of(), marks, RULES, unit -> PeerGroup.STREET_TOWN);
    }

    @Test
    void leavingAHardCaseOpenLowersTheUnitsRank() {
        // Two streets with the same month: three easy cases each, signed for and contacted in time, resolved and
        // satisfied. Each also got one hard case, due this month.
        List<CaseTally> month = new ArrayList<>(List.of(
                done(X, 3, CountedOutcome.RESOLVED, Resolution.RESOLVED, Satisfaction.SATISFIED),
                done(Y, 3, CountedOutcome.RESOLVED, Resolution.RESOLVED, Satisfaction.SATISFIED),
                // X finishes its hard case as partly resolved; the citizen says partly resolved, basically satisfied
                done(X, 1, CountedOutcome.PARTLY_RESOLVED, Resolution.PARTLY_RESOLVED,
                        Satisfaction.BASICALLY_SATISFIED)));

        // Had Y's open case simply not counted (the old "month of completion" rule), Y would be perfect:
        // Y: 3 cases, every rate 1 → 100; X: response 1, resolution (3 + 0.5)/4 = 0.875,
        //    satisfaction (3 + 0.8)/4 = 0.95 → 100 × (0.3 + 0.35 × 0.875 + 0.35 × 0.95) = 93.875 → Y first
        ScoringRules.MonthResult gamed = score(month, Map.of());
        assertEquals(100, of(gamed, "STREET_TOWN", Y).composite(), 1e-9);
        assertEquals(93.875, of(gamed, "STREET_TOWN", X).composite(), 1e-9);
        assertEquals(1, of(gamed, "STREET_TOWN", Y).rank());

        // Y leaves its hard case open past the deadline (it had signed for and contacted in time), and dispatch
        // marked it overdue once. It counts in the deadline's month as unresolved, unresponded and unsatisfied:
        month.add(new CaseTally(Y, DISTRICT, OPEN_OVERDUE, true, true, null, null, false, null, null, 1));
        ScoringRules.MonthResult fair = score(month, Map.of(Y, 1, "D" + DISTRICT, 1));
        UnitScore y = of(fair, "STREET_TOWN", Y);
        // Y: response 3/4 = 0.75, resolution 3/4 = 0.75, satisfaction 3/4 = 0.75
        //    100 × (0.3 × 0.75 + 0.35 × 0.75 + 0.35 × 0.75) = 75, minus 1 point for the overdue mark = 74
        assertEquals(4, y.cases());
        assertEquals(0.75, y.responseRate(), 1e-9);
        assertEquals(0.75, y.resolutionRate(), 1e-9);
        assertEquals(0.75, y.satisfactionRate(), 1e-9);
        assertEquals(74, y.composite(), 1e-9);
        assertEquals(93.875, of(fair, "STREET_TOWN", X).composite(), 1e-9);
        assertEquals(1, of(fair, "STREET_TOWN", X).rank());
        assertEquals(2, y.rank());
        // bottom 1 of the month (the scheme's rule without the multi-month window): Y
        assertEquals(List.of(Y), GovernanceRule.singleMonth(1).select(GovernanceRule.MonthRanks.of("2027-03",
                fair.scores()), Map.of(), List.of(), u -> null).stream().map(GovernanceRule.Listed::unitCode).toList());
        // district 东城 (both streets): response (4 + 3)/8 = 0.875, resolution (3.5 + 3)/8 = 0.8125,
        // satisfaction (3.8 + 3)/8 = 0.85 → 100 × (0.2625 + 0.284375 + 0.2975) = 84.4375, minus 1 mark = 83.4375
        UnitScore d = of(fair, "DISTRICT", "D" + DISTRICT);
        assertEquals(8, d.cases());
        assertEquals(83.4375, d.composite(), 1e-9);
    }

    @Test
    void theSchemeSaysHowEachCompletionOutcomeCounts() {
        // one case each, every visit says RESOLVED and SATISFIED; resolution = min(outcome cap, visit credit)
        // RESOLVED 1 · PARTLY_RESOLVED 0.5 · CONDITIONS_BEING_CREATED 0.5 · EXPLAINED as the visit says (1) ·
        // CANNOT_SOLVE (v1) 0 · no outcome known: as the visit says (1)
        double[] expected = {1, 0.5, 0.5, 1, 0};
        CountedOutcome[] outcomes = CountedOutcome.values();
        for (int i = 0; i < outcomes.length; i++) {
            var m = score(List.of(done(X, 1, outcomes[i], Resolution.RESOLVED, Satisfaction.SATISFIED)), Map.of());
            assertEquals(expected[i], of(m, "STREET_TOWN", X).resolutionRate(), 1e-9, outcomes[i].name());
        }
        // the citizen's answer can only lower it: EXPLAINED, visit says partly → 0.5
        var m = score(List.of(done(X, 1, CountedOutcome.EXPLAINED, Resolution.PARTLY_RESOLVED, Satisfaction.SATISFIED)),
                Map.of());
        assertEquals(0.5, of(m, "STREET_TOWN", X).resolutionRate(), 1e-9);
    }

    @Test
    void responseTakesSignForAndContactTimelinessAndTheCitizensWord() {
        // a: signed late, contacted in time → 0.5 · b: signed in time, contacted late → 0.5 ·
        // c: both in time but the citizen says not contacted in time → 0.5 · d: both in time → 1
        // response = (0.5 + 0.5 + 0.5 + 1)/4 = 0.625
        var m = score(List.of(
                new CaseTally(X, DISTRICT, COMPLETED, false, true, null, null, false, null, null, 1),
                new CaseTally(X, DISTRICT, COMPLETED, true, false, null, null, false, null, null, 1),
                new CaseTally(X, DISTRICT, COMPLETED, true, true, false, null, true, Resolution.RESOLVED,
                        Satisfaction.SATISFIED, 1),
                new CaseTally(X, DISTRICT, COMPLETED, true, true, true, null, true, Resolution.RESOLVED,
                        Satisfaction.SATISFIED, 1)), Map.of());
        UnitScore x = of(m, "STREET_TOWN", X);
        assertEquals(0.625, x.responseRate(), 1e-9);
        // only the two reached visits count for resolution and satisfaction
        assertEquals(1, x.resolutionRate(), 1e-9);
    }

    @Test
    void overdueMarksNeverTakeTheCompositeBelowZeroAndSmallUnitsAreNotRanked() {
        var m = score(List.of(new CaseTally(X, DISTRICT, OPEN_OVERDUE, false, false, null, null, false, null, null, 1)),
                Map.of(X, 5));
        assertEquals(0, of(m, "STREET_TOWN", X).composite(), 1e-9);
        assertNull(of(m, "STREET_TOWN", X).rank()); // 1 case < minimum volume 2
    }
}
