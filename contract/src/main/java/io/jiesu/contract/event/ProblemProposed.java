package io.jiesu.contract.event;

import java.time.Instant;

/**
 * {@code jiesu.insight.problem-proposed.v1}: a concentrated problem proposed for the year's problem list (年度问题清单),
 * ranked from the appeals of the 12 months before; keyed by the entry id. {@code districtCode} is null for a city-wide
 * entry. The figures are the evidence: appeals, cases with repeat appeals (重复诉求), return visits with an answer and
 * the DISSATISFIED ones, over {@code windowFrom}..{@code windowTo} (YYYY-MM, inclusive).
 */
public record ProblemProposed(String entryId, int year, String categoryCode, String districtCode, String title,
        int rank, String windowFrom, String windowTo, int appeals, int repeatCases, double repeatRate, int visits,
        double dissatisfactionRate, Instant proposedAt) {
}
