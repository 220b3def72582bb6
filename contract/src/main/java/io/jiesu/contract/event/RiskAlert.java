package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/** {@code jiesu.insight.risk-alert.v1}: a risk early warning (防范化解风险) with the case ids as evidence. */
public record RiskAlert(String insightId, Enums.RiskKind kind, String districtCode, String streetCode,
        String categoryCode, List<String> caseIds, String evidence, Instant raisedAt) {
}
