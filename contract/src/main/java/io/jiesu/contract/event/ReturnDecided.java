package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.return-decided.v1}: a reviewer approved (re-dispatch to {@code newUnitCode}) or rejected. */
public record ReturnDecided(String caseId, String unitCode, Enums.Decision decision, Instant decidedAt,
        String reviewer, String newUnitCode, String comment) {
}
