package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.progress.v1}: a progress report by the lead or a co-handling unit. */
public record ProgressReported(String caseId, String unitCode, Enums.HandlingRole role, Instant reportedAt,
        String note) {
}
