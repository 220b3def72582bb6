package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.completed.v1}: the lead unit completed the case (办结) with an outcome. */
public record CaseCompleted(String caseId, String unitCode, Instant completedAt, Enums.Outcome outcome,
        String summary, String reason, boolean late) {
}
