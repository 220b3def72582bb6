package io.jiesu.contract.event;

import java.time.Instant;

/**
 * {@code jiesu.inbox.work-order.v1} on {@code unit.<unitCode>.inbox}: a work order for the unit's own system, with
 * what it needs to act (the citizen's contact unless the appeal is anonymous).
 */
public record InboxWorkOrder(String caseId, String unitCode, Enums.HandlingRole role, Instant dispatchedAt,
        Instant signForDeadline, Instant contactDeadline, Instant completionDeadline, Enums.Urgency urgency,
        Enums.AppealType type, String categoryCode, Location location, String content, Citizen citizen,
        String ruleId) {
}
