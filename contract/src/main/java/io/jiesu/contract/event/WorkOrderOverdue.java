package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.overdue.v1}: a deadline passed (超期); emitted once per deadline. */
public record WorkOrderOverdue(String caseId, String unitCode, Enums.DeadlineKind deadlineKind, Instant deadline,
        Instant overdueAt) {
}
