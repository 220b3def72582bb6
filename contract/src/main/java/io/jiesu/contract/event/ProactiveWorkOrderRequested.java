package io.jiesu.contract.event;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code jiesu.insight.proactive-work-order-requested.v1}: act before complaints (未诉先办) — dispatch turns it into a
 * work order for {@code unitCode} with channel PROACTIVE under the new {@code caseId}.
 */
public record ProactiveWorkOrderRequested(String requestId, String caseId, String topicId, String unitCode,
        String categoryCode, Location location, String content, LocalDate dueDate, Instant requestedAt) {
}
