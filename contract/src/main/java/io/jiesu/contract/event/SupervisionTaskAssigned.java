package io.jiesu.contract.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code jiesu.insight.supervision-task-assigned.v1}: a risk alert became a supervision task (督办) for a district's
 * supervisors ({@code D<districtCode>}) or the hotline centre ({@code CITY}), due on {@code dueDate}. Keyed by the
 * alert's {@code insightId}.
 */
public record SupervisionTaskAssigned(String taskId, String insightId, Enums.RiskKind kind, String supervisorUnit,
        String districtCode, List<String> caseIds, String note, LocalDate dueDate, String assignedBy,
        Instant assignedAt) {
}
