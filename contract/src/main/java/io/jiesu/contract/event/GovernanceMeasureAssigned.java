package io.jiesu.contract.event;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code jiesu.results.governance-measure-assigned.v1}: a supervision measure or support task (督办/帮扶/约谈) was
 * assigned for a governance-type street/town of a month, so the street's and its district's systems learn it;
 * keyed by the street/town code.
 */
public record GovernanceMeasureAssigned(String measureId, String period, String unitCode, String districtCode,
        Enums.MeasureKind kind, String description, String responsibleUnit, LocalDate dueDate, String assignedBy,
        Instant assignedAt) {
}
