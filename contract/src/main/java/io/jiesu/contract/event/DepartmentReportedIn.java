package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.whistle.reported-in.v1}: a summoned department reported in (报到), late or in time. */
public record DepartmentReportedIn(String whistleId, String caseId, String unitCode, Instant reportedAt,
        String responsiblePerson, String commitment, boolean late) {
}
