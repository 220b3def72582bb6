package io.jiesu.contract.event;

import java.time.Instant;

/**
 * {@code jiesu.case.linked.v1}: a repeat appeal ({@code appealId}, the caller's {@code externalId}) about the same
 * matter as the open case {@code caseId}; keyed by {@code caseId} so it is ordered with that case.
 */
public record CaseLinked(String caseId, String appealId, String externalId, Enums.LinkReason reason,
        Instant receivedAt, String content) {
}
