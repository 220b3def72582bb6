package io.jiesu.contract.event;

import java.time.Instant;

/**
 * {@code jiesu.case.escalated.v1}: repeated failure (重办 beyond the round limit, a dispatch setting) was reported to
 * the {@code level} above the lead unit; {@code escalatedToUnitCode} is that unit (the district's {@code D<districtCode>}),
 * which also gets an ESCALATION notice on its inbox. {@code round} is the handling round just opened, {@code roundLimit}
 * the limit it went past.
 */
public record CaseEscalated(String caseId, String unitCode, Enums.EscalationLevel level, String escalatedToUnitCode,
        int round, int roundLimit, String reason, Instant escalatedAt) {
}
