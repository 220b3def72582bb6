package io.jiesu.contract.event;

import java.time.Instant;
import java.time.LocalDate;

/** {@code jiesu.insight.hotspot-detected.v1}: a day's count for a category and street/town is far above baseline. */
public record HotspotDetected(String insightId, String categoryCode, String districtCode, String streetCode,
        LocalDate day, int count, double baselineMean, double baselineStdDev, String rule, Instant detectedAt) {
}
