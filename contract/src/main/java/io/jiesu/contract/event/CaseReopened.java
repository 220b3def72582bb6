package io.jiesu.contract.event;

import java.time.Instant;

/**
 * {@code jiesu.case.reopened.v1}: a return visit found the case unresolved or the citizen dissatisfied and the case was
 * reopened (重办) to the same lead unit for handling {@code round} (2 after the first reopening), with new deadlines
 * from the time-limit policy. {@code reason} says why (the visit's answer and comment); {@code visitId} names it.
 */
public record CaseReopened(String caseId, String unitCode, int round, String reason, String visitId,
        Instant reopenedAt, Instant signForDeadline, Instant contactDeadline, Instant completionDeadline) {
}
