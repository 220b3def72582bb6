package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/** {@code jiesu.whistle.escalated.v1}: departments missed the report-in deadline; escalated a level up. */
public record WhistleEscalated(String whistleId, String caseId, Enums.EscalationLevel level,
        String escalatedToUnitCode, List<String> missingUnitCodes, Instant escalatedAt, Instant nextDeadline) {
}
