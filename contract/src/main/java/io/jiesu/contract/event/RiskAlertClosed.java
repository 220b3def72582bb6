package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/**
 * {@code jiesu.insight.risk-alert-closed.v1}: a risk alert was closed with a note saying how it was handled, with the
 * proactive work orders and supervision tasks it led to. Keyed by the alert's {@code insightId}.
 */
public record RiskAlertClosed(String insightId, Enums.RiskKind kind, String districtCode, String note,
        String closedBy, Instant closedAt, List<String> workOrderCaseIds, List<String> taskIds) {
}
