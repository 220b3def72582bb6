package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/**
 * {@code jiesu.results.governance-list-published.v2}: the governance-type streets/towns (治理类街乡镇) of a month with
 * why each is on the list; keyed by period. v1 (codes only) is still published beside it for its readers.
 */
public record GovernanceListPublishedV2(String period, int revision, String schemeVersion, String rule,
        List<GovernanceEntry> entries, Instant publishedAt) {

    /**
     * One listed street/town. {@code bottomMonths}: the months of the last {@code ofLastMonths} (this one included)
     * in which it was among the bottom of the street/town ranking; {@code appealsPer10k}: its counted cases this month
     * per 10,000 residents, null where its population is not known; {@code reasons}: the rule's words.
     */
    public record GovernanceEntry(String unitCode, String districtCode, Integer rank, List<String> bottomMonths,
            int ofLastMonths, Double appealsPer10k, List<String> reasons) {
    }
}
