package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.case.signed-for.v1}: the unit signed for the order (签收) and now owns it to the end. */
public record WorkOrderSignedFor(String caseId, String unitCode, Instant signedAt, String signedBy, boolean late) {
}
