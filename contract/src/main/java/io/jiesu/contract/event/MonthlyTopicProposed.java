package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.insight.monthly-topic-proposed.v1}: a candidate for 每月一题, ranked from the data. */
public record MonthlyTopicProposed(String topicId, String period, String categoryCode, String title, double score,
        int volume, double growth, double dissatisfactionRate, Instant proposedAt) {
}
