package io.jiesu.contract.event;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code jiesu.case.completed.v2}: the lead unit completed the case (办结) with one of the four outcomes; {@code round}
 * is 1 for the first handling and n+1 after the n-th reopening (重办). {@code plan}/{@code followUpOn} are set for
 * CONDITIONS_BEING_CREATED.
 */
public record CaseCompletedV2(String caseId, String unitCode, Instant completedAt, Enums.CompletionOutcome outcome,
        String summary, String reason, String plan, LocalDate followUpOn, boolean late, int round) {
}
