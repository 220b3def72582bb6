package io.jiesu.contract.event;

import java.time.Instant;

/**
 * {@code jiesu.case.dispatched.v1}: the case became one unit's work order. {@code ruleId}/{@code ruleDescription}
 * say why it went there; the three deadlines come from the time-limit policy.
 */
public record CaseDispatched(String caseId, String unitCode, Enums.DispatchMode mode, String ruleId,
        String ruleDescription, Instant dispatchedAt, Instant signForDeadline, Instant contactDeadline,
        Instant completionDeadline, Enums.Urgency urgency, Enums.AppealType type, String categoryCode,
        String districtCode, String streetCode) {
}
