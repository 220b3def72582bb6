package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/** {@code jiesu.whistle.blown.v1}: a street/town summoned departments (吹哨); keyed by case id, or whistle id. */
public record WhistleBlown(String whistleId, String caseId, String leadUnitCode, List<String> summonedUnitCodes,
        String matter, String reason, Location location, Enums.Urgency urgency, Instant blownAt,
        Instant reportDeadline) {
}
