package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.whistle.closed.v1}: the lead closed the whistle with the joint outcome. */
public record WhistleClosed(String whistleId, String caseId, String leadUnitCode, String outcome, Instant closedAt) {
}
