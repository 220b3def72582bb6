package io.jiesu.evaluation.governance;

import io.jiesu.contract.event.UnitScore;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The month's commendation list (激励), as plain code (tested by {@code CommendationRuleTest}): in each peer group,
 * the units ranked within the top [N] that have at least [min cases] counted cases and a composite of at least
 * [min composite], and — when [not on governance list] — are not governance-type this month. A unit that fails a
 * threshold leaves its place empty: the N+1-th is not moved up (the list commends the top N, not "the best N that
 * qualify").
 */
public record CommendationRule(int topN, int minCases, double minComposite, boolean notOnGovernanceList) {

    public CommendationRule {
        if (topN < 1 || minCases < 0 || minComposite < 0 || minComposite > 100) {
            throw new IllegalArgumentException("commendation rule needs topN >= 1, minCases >= 0, 0 <= minComposite <= 100");
        }
    }

    /** @return the commended units, by peer group (as given) and then rank */
    public List<UnitScore> select(Collection<UnitScore> ranked, Set<String> governanceList) {
        return ranked.stream()
                .filter(s -> s.rank() != null && s.rank() <= topN)
                .filter(s -> s.cases() >= minCases && s.composite() >= minComposite)
                .filter(s -> !notOnGovernanceList || !governanceList.contains(s.unitCode()))
                .sorted(Comparator.comparing(UnitScore::peerGroup).thenComparing(UnitScore::rank))
                .toList();
    }

    public String describe(String schemeVersion) {
        return "top " + topN + " per peer group with at least " + minCases + " cases and a composite of at least "
                + (minComposite == Math.rint(minComposite) ? String.valueOf((long) minComposite) : minComposite)
                + (notOnGovernanceList ? ", not on the governance list" : "") + ", under scheme " + schemeVersion;
    }
}
