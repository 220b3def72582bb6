package io.jiesu.evaluation.governance;

import io.jiesu.contract.event.UnitScore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The commendation rule (激励) on a hand-made ranking, without Quarkus, database or broker. */
class CommendationRuleTest {
    static UnitScore s(String unit, String group, int cases, double composite, Integer rank) {
        return new UnitScore(unit, group, cases, 1, 1, 1, composite, rank);
    }

    @Test
    void topNPerPeerGroupWithTheThresholds() {
        // top 2 per group, at least 10 cases, composite at least 90, not governance-type
        CommendationRule rule = new CommendationRule(2, 10, 90, true);
        List<UnitScore> ranked = List.of(
                s("S1", "STREET_TOWN", 30, 97, 1),   // commended
                s("S2", "STREET_TOWN", 8, 95, 2),    // too few cases: its place stays empty
                s("S3", "STREET_TOWN", 40, 94, 3),   // not top 2: not moved up
                s("P1", "DEPARTMENT", 50, 91, 1),    // commended
                s("P2", "DEPARTMENT", 50, 89.9, 2),  // composite below 90
                s("Q1", "ENTERPRISE", 12, 99, 1),    // on the governance list (hypothetically): left out
                s("U1", "STREET_TOWN", 3, 99, null)); // not ranked
        List<UnitScore> commended = rule.select(ranked, Set.of("Q1"));
        assertEquals(List.of("P1", "S1"), commended.stream().map(UnitScore::unitCode).toList());
        // the same without the governance exclusion: Q1 too (groups in name order)
        assertEquals(List.of("P1", "Q1", "S1"), new CommendationRule(2, 10, 90, false).select(ranked, Set.of("Q1"))
                .stream().map(UnitScore::unitCode).toList());
        assertEquals("top 2 per peer group with at least 10 cases and a composite of at least 90, not on the "
                + "governance list, under scheme v", rule.describe("v"));
    }
}
