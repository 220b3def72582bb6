package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.redispatched.v1}: the order moved from one unit to another (approved return, manual). */
public record CaseRedispatched(String caseId, String fromUnitCode, String toUnitCode, Instant redispatchedAt,
        String reason, Instant signForDeadline, Instant contactDeadline, Instant completionDeadline) {
}
