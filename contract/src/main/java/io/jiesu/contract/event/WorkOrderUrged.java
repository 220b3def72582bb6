package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/**
 * {@code jiesu.dispatch.work-order-urged.v1} on {@code case.dispatch} (key = case id): someone above the unit urged it
 * on an open work order (催办) — a district coordinator (各区统筹, {@code urgedByRole} {@code district} with
 * {@code urgedByDistrictCode}) or a hotline reviewer/admin. {@code unitCode} is the lead unit, {@code notifiedUnitCodes}
 * every unit that got a {@code URGE} notice on its inbox (the lead and its co-handlers); {@code reminderCount} counts
 * this order's reminders including this one; {@code status}, {@code overdue} and {@code round} are the order's at the
 * time.
 */
public record WorkOrderUrged(String caseId, String unitCode, List<String> notifiedUnitCodes, String urgedBy,
        String urgedByRole, String urgedByDistrictCode, String message, int reminderCount, String status,
        boolean overdue, int round, Instant urgedAt) {
}
