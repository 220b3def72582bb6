package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.extension-requested.v1}: the unit asks for an extension (延期) to a new date. */
public record ExtensionRequested(String caseId, String unitCode, Instant requestedAt, String reason,
        Instant requestedDeadline) {
}
