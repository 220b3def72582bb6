package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.co-handler-added.v1}: the lead unit added a co-handling unit (协办); the lead stays the lead. */
public record CoHandlingUnitAdded(String caseId, String leadUnitCode, String unitCode, Instant addedAt,
        String note) {
}
