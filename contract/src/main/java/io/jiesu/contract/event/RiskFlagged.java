package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/**
 * {@code jiesu.intake.risk-flagged.v1}: an appeal's content holds active risk words (轻生, 燃气泄漏, 坍塌…), so intake
 * made it URGENT and the district's and the hotline's supervisors must be told. Keyed by {@code caseId}: the new
 * case, or for a repeat appeal linked to an open case the open case ({@code appealId} is then the repeat appeal).
 */
public record RiskFlagged(String caseId, String appealId, String districtCode, String streetCode,
        String categoryCode, Enums.AppealType type, List<RiskWordMatch> words, Instant receivedAt, Instant flaggedAt) {

    /** One risk word found in the content and its kind (e.g. SELF_HARM, GAS, COLLAPSE). */
    public record RiskWordMatch(String word, String kind) {
    }
}
