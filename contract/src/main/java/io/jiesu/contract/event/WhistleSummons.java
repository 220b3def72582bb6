package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.inbox.summons.v1}: a department is summoned by a street/town's whistle and must report in. */
public record WhistleSummons(String whistleId, String caseId, String leadUnitCode, String unitCode, String matter,
        String reason, Location location, Enums.Urgency urgency, Instant summonedAt, Instant reportDeadline) {
}
