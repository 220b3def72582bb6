package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.reminder.v1}: a deadline is near (催办). */
public record DeadlineReminder(String caseId, String unitCode, Enums.DeadlineKind deadlineKind, Instant deadline,
        Instant remindedAt) {
}
