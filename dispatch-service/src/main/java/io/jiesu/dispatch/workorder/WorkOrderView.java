package io.jiesu.dispatch.workorder;

import java.time.Instant;
import java.util.List;

/**
 * A work order as its unit (and reviewers) see it over REST. {@code role} is the viewing unit's role (LEAD or
 * CO_HANDLER; null for reviewers); {@code allowedActions} what the lead may do now; {@code round} the handling round
 * (n+1 after the n-th reopening, 重办); {@code nextDeadline} the deadline running in the current state;
 * {@code reminderCount}/{@code lastRemindedAt} the reminders (催办) sent about it; {@code escalatedAt} when repeated
 * failure was reported to the district.
 */
public record WorkOrderView(String caseId, String unitCode, String role, String status, List<String> allowedActions,
        String channel, String mode, String ruleId, Integer ruleVersion, String ruleDescription, Instant dispatchedAt,
        Instant signForDeadline, Instant contactDeadline, Instant completionDeadline, boolean overdue,
        boolean extensionPending, Instant signedAt, Instant contactedAt, Instant completedAt, String outcome,
        String completionSummary, String completionReason, int returnCount, int repeatCount, String previousUnitCode,
        List<String> coHandlers, String urgency, String appealType, String categoryCode, String districtCode,
        String streetCode, String content, int round, String completionPlan, java.time.LocalDate followUpOn,
        Instant reopenedAt, String reopenReason, Instant nextDeadline, int reminderCount, Instant lastRemindedAt,
        Instant escalatedAt) {

    static WorkOrderView of(WorkOrder o, String viewerUnit, List<String> allowedActions) {
        List<String> co = CoHandler.unitsOf(o.caseId);
        String role = viewerUnit == null ? null : viewerUnit.equals(o.unitCode) ? "LEAD"
                : co.contains(viewerUnit) ? "CO_HANDLER" : null;
        return new WorkOrderView(o.caseId, o.unitCode, role, o.status, allowedActions, o.channel, o.mode, o.ruleId,
                o.ruleVersion, o.ruleDescription, o.dispatchedAt, o.signForDeadline, o.contactDeadline,
                o.completionDeadline, o.overdue, o.extensionPending, o.signedAt, o.contactedAt, o.completedAt,
                o.outcome, o.completionSummary, o.completionReason, o.returnCount, o.repeatCount, o.previousUnitCode,
                co, o.urgency, o.appealType, o.categoryCode, o.districtCode, o.streetCode, o.content, o.round,
                o.completionPlan, o.followUpOn, o.reopenedAt, o.reopenReason, o.nextDeadline, o.reminderCount,
                o.lastRemindedAt, o.escalatedAt);
    }
}
