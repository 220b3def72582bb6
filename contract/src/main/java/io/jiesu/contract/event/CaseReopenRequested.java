package io.jiesu.contract.event;

import java.time.Instant;

/**
 * {@code jiesu.evaluation.reopen-requested.v1}: the return visit of the case's handling {@code round} found the
 * problem unresolved or the citizen dissatisfied, and the evaluation scheme says such a case is handled again (重办).
 * dispatch-service reopens it to the same lead unit with a new deadline.
 */
public record CaseReopenRequested(String caseId, String visitId, int round, Enums.Resolution resolution,
        Enums.Satisfaction satisfaction, String comment, Instant requestedAt) {
}
