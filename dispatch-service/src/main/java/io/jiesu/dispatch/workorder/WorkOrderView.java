package io.jiesu.dispatch.workorder;

import java.time.Instant;

/** A work order as its unit (and reviewers) see it over REST. */
public record WorkOrderView(String caseId, String unitCode, String status, String mode, String ruleId,
        String ruleDescription, Instant dispatchedAt, Instant signForDeadline, Instant contactDeadline,
        Instant completionDeadline, String urgency, String appealType, String categoryCode, String districtCode,
        String streetCode, String content) {

    static WorkOrderView of(WorkOrder o) {
        return new WorkOrderView(o.caseId, o.unitCode, o.status, o.mode, o.ruleId, o.ruleDescription, o.dispatchedAt,
                o.signForDeadline, o.contactDeadline, o.completionDeadline, o.urgency, o.appealType, o.categoryCode,
                o.districtCode, o.streetCode, o.content);
    }
}
