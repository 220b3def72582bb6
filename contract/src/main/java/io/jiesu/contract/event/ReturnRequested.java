package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.return-requested.v1}: the unit asks to return (退单) an order that is not its duty. */
public record ReturnRequested(String caseId, String unitCode, Instant requestedAt, String reason) {
}
