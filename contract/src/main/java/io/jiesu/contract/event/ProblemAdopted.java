package io.jiesu.contract.event;

import java.time.Instant;
import java.util.List;

/**
 * {@code jiesu.insight.problem-adopted.v1}: leaders adopted an entry of the year's problem list with a lead department
 * (主责部门, the unit that owns the work plan) and co-units; keyed by the entry id. A department's system reads
 * {@code leadUnitCode} to learn it leads. {@code targetReductionPct}: the aimed fall of monthly appeals against the
 * baseline month average (null when none was set).
 */
public record ProblemAdopted(String entryId, int year, String categoryCode, String districtCode, String title,
        String leadUnitCode, List<String> coUnitCodes, String workPlan, Double targetReductionPct,
        List<ProblemListTask> tasks, String adoptedBy, Instant adoptedAt) {
}
