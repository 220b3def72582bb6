package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/**
 * {@code jiesu.results.commendation-list-published.v1}: the units commended (激励) for a month by the scheme's
 * commendation rule, beside the governance list; keyed by period.
 */
public record CommendationListPublished(String period, int revision, String schemeVersion, String rule,
        List<CommendedUnit> units, Instant publishedAt) {

    public record CommendedUnit(String unitCode, String peerGroup, int rank, double composite, int cases) {
    }
}
