package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/** {@code jiesu.results.scores-published.v1}: a revision of a month's scores and rankings; keyed by period. */
public record ScoresPublished(String period, int revision, String schemeVersion, Instant publishedAt,
        List<UnitScore> scores) {
}
