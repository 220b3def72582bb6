package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/** {@code jiesu.results.governance-list-published.v1}: the governance-type streets/towns (治理类街乡镇) of a month. */
public record GovernanceListPublished(String period, int revision, String rule, List<String> unitCodes,
        Instant publishedAt) {
}
