package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.evaluation.visit-recorded.v1}: the return visit (回访) result that counts for the case. */
public record VisitRecorded(String caseId, String visitId, Instant visitedAt, boolean reached,
        Boolean contactedInTime, Enums.Resolution resolution, Enums.Satisfaction satisfaction, String comment) {
}
