package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.extension-decided.v1}: granted (deadline moved) or denied. */
public record ExtensionDecided(String caseId, String unitCode, Enums.Decision decision, Instant decidedAt,
        String reviewer, Instant completionDeadline, String comment) {
}
