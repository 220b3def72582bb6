package io.jiesu.evaluation.governance;

import io.jiesu.contract.event.UnitScore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The governance-type rule (治理类街乡镇) on hand-made rankings, without Quarkus, database or broker. */
class GovernanceRuleTest {
    static final String A = "110101001", B = "110101002", C = "110101003", D = "110101004", E = "110101005";

    static GovernanceRule.MonthRanks month(String period, String... worstLast) {
        Map<String, Integer> ranks = new java.util.HashMap<>();
        for (int i = 0; i < worstLast.length; i++) {
            ranks.put(worstLast[i], i + 1);
        }
        return new GovernanceRule.MonthRanks(period, ranks, worstLast.length);
    }

    static List<String> codes(List<GovernanceRule.Listed> listed) {
        return listed.stream().map(GovernanceRule.Listed::unitCode).toList();
    }

    @Test
    void bottomNInMOfTheLastKMonths() {
        // bottom 2 in 2 of the last 3 months; five streets ranked each month (bottom 2 = ranks 4 and 5)
        GovernanceRule rule = new GovernanceRule(2, 2, 3, null);
        var jan = month("2027-01", A, B, C, D, E);  // bottom: D, E
        var feb = month("2027-02", A, B, E, C, D);  // bottom: C, D
        var mar = month("2027-03", A, C, D, B, E);  // bottom: B, E
        var dec = month("2026-12", A, B, C, D, E);  // outside the window of March (Jan–Mar): ignored
        var listed = rule.select(mar, Map.of(), List.of(dec, jan, feb), u -> null);
        // D: Jan, Feb → 2 of 3; E: Jan, Mar → 2 of 3; C: Feb only; B: Mar only → not listed
        // order: most months in the bottom, then the worse rank this month: E (rank 5) before D (rank 3)
        assertEquals(List.of(E, D), codes(listed));
        assertEquals(List.of("2027-01", "2027-03"), listed.get(0).bottomMonths());
        assertEquals(List.of("bottom 2 in 2 of the last 3 months (2027-01, 2027-03)"), listed.get(0).reasons());
        assertEquals(3, listed.get(1).rank());
        assertEquals("2027-01", rule.firstMonth("2027-03"));
        // a month never calculated counts as not in the bottom: without February D has one month only
        assertEquals(List.of(E), codes(rule.select(mar, Map.of(), List.of(jan), u -> null)));
    }

    @Test
    void aSchemeWithoutTheMultiMonthRuleKeepsTheBottomNOfTheMonth() {
        // the rule before issue 17: the last 2 ranked of the month, worst first
        GovernanceRule rule = GovernanceRule.singleMonth(2);
        var mar = month("2027-03", A, C, D, B, E);
        var listed = rule.select(mar, Map.of(), List.of(month("2027-02", E, D, C, B, A)), u -> null);
        assertEquals(List.of(E, B), codes(listed));
        assertEquals(List.of("bottom 2 of the month (rank 5 of 5)"), listed.get(0).reasons());
        assertEquals("the last 2 ranked streets/towns (ranked from 5 cases) under scheme 2026-v1",
                rule.describe(5, "2026-v1"));
        // from UnitScores: only ranked streets/towns count (B below the minimum volume, the department ignored)
        var scores = List.of(new UnitScore(A, "STREET_TOWN", 9, 1, 1, 1, 100, 1),
                new UnitScore(C, "STREET_TOWN", 9, 1, 1, 1, 80, 2),
                new UnitScore(B, "STREET_TOWN", 1, 0, 0, 0, 0, null),
                new UnitScore("DEPT_HOUSING", "DEPARTMENT", 9, 0, 0, 0, 0, 1));
        assertEquals(List.of(C), codes(GovernanceRule.singleMonth(1).select(
                GovernanceRule.MonthRanks.of("2027-03", scores), Map.of(), List.of(), u -> null)));
    }

    @Test
    void appealsPer10000ResidentsListAStreetWhereItsPopulationIsKnown() {
        // bottom 1 in 2 of the last 2 months, or at least 30 counted cases per 10,000 residents
        GovernanceRule rule = new GovernanceRule(1, 2, 2, 30.0);
        var feb = month("2027-02", A, B, C);
        var mar = month("2027-03", A, B, C);
        // A: 120 cases / 35,000 residents × 10,000 = 34.29 ≥ 30 → listed though ranked first
        // B: 100 / 40,000 × 10,000 = 25 < 30; C: 200 cases, population unknown → no rate; C bottom in Feb and Mar
        Map<String, Long> population = Map.of(A, 35_000L, B, 40_000L);
        var listed = rule.select(mar, Map.of(A, 120, B, 100, C, 200), List.of(feb), population::get);
        assertEquals(List.of(C, A), codes(listed));
        assertEquals(34.29, listed.get(1).appealsPer10k(), 1e-9);
        assertEquals(List.of("34.29 counted cases per 10,000 residents (at least 30)"), listed.get(1).reasons());
        assertNull(listed.get(0).appealsPer10k());
        assertEquals("bottom 1 of the ranked streets/towns (ranked from 5 cases) in at least 2 of the last 2 months, "
                + "or at least 30 counted cases per 10,000 residents in the month (where the population is known) "
                + "under scheme s", rule.describe(5, "s"));
    }

    @Test
    void aWindowMustHoldItsMonths() {
        assertThrows(IllegalArgumentException.class, () -> new GovernanceRule(3, 4, 3, null));
        assertThrows(IllegalArgumentException.class, () -> new GovernanceRule(3, 1, 13, null));
    }
}
