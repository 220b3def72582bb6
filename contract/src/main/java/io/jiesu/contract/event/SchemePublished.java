package io.jiesu.contract.event;

import java.time.Instant;
import java.util.Map;

/**
 * {@code jiesu.results.scheme-published.v1}: an evaluation scheme version (考评方案) as published by evaluation-service,
 * keyed by version, so that every reader rates visits with the same published credits instead of a formula of its
 * own. A case's resolution credit is {@code resolutionCredits[visit answer]}, at most {@code outcomeCaps[completion
 * outcome]} (an outcome absent from the map: as the visit says); its satisfaction credit is
 * {@code satisfactionCredits[visit answer]}; a rate is the mean credit over reached visits. The scheme of a month is
 * the one with the latest {@code effectiveFrom} (YYYY-MM) not after it.
 */
public record SchemePublished(String version, String effectiveFrom, double responseWeight, double resolutionWeight,
        double satisfactionWeight, Map<String, Double> resolutionCredits, Map<String, Double> satisfactionCredits,
        Map<String, Double> outcomeCaps, String description, Instant publishedAt) {
}
