package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.contacted.v1}: the unit contacted the citizen. */
public record CitizenContacted(String caseId, String unitCode, Instant contactedAt, String method, String note,
        boolean late) {
}
