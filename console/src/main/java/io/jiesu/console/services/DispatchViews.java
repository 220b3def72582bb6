package io.jiesu.console.services;

import java.time.Instant;
import java.util.List;

/** dispatch-service's answers as the console reads them (only the fields the pages use). */
public final class DispatchViews {
    private DispatchViews() {
    }

    /** A case routing could not place (or returned too often), waiting for a reviewer; {@code suggestedUnitCode}
     * is the responsibility list's suggestion when the service gives one; {@code reason} why it waits (a code shown
     * through {@code Labels}, e.g. LOCATION_TO_CONFIRM 地点待确认, then with the citizen's address and lat/long). */
    public record QueuedOrder(String caseId, String channel, String categoryCode, String districtCode,
            String streetCode, String urgency, String appealType, String content, String previousUnitCode,
            int returnCount, Instant receivedAt, String suggestedUnitCode, String reason, String address,
            Double latitude, Double longitude) {
    }

    /** A row of the across-units list of orders overdue or due soon. */
    public record OrderSummary(String caseId, String unitCode, String unitKind, String status, int round,
            String urgency, String appealType, String categoryCode, String districtCode, String streetCode,
            Instant nextDeadline, Instant completionDeadline, boolean overdue, boolean extensionPending) {
    }

    public record OrderPage(List<OrderSummary> items, int page, int size, long total) {
    }

    public record ReturnRequest(Long id, String caseId, String unitCode, Instant requestedAt, String reason,
            String status) {
    }

    public record ExtensionRequest(Long id, String caseId, String unitCode, Instant requestedAt, String reason,
            Instant requestedDeadline, String status) {
    }

    public record WorkOrderDetail(WorkOrder order, List<HistoryEntry> history) {
    }

    public record WorkOrder(String caseId, String unitCode, String role, String status, List<String> allowedActions,
            String channel, String mode, String ruleId, Integer ruleVersion, String ruleDescription,
            Instant dispatchedAt, Instant signForDeadline, Instant contactDeadline, Instant completionDeadline,
            boolean overdue, boolean extensionPending, Instant signedAt, Instant contactedAt, Instant completedAt,
            String outcome, String completionSummary, String completionReason, int returnCount, int repeatCount,
            String previousUnitCode, List<String> coHandlers, String urgency, String appealType, String categoryCode,
            String districtCode, String streetCode, String content) {
    }

    /** One change of a time-limit policy, with the policy as it became. */
    public record TimeLimitChange(int version, String action, String actor, Instant at,
            java.util.Map<String, Object> policy) {
    }

    public record HistoryEntry(Instant at, String action, String unitCode, String actor, String detail) {
    }
}
