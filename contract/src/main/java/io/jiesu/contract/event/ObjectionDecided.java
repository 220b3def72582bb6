package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.evaluation.objection-decided.v1}: accepted (the case leaves the unit's rates) or rejected. */
public record ObjectionDecided(String objectionId, String caseId, String unitCode,
        Enums.ObjectionDecision decision, String reviewer, String comment, Instant decidedAt) {
}
