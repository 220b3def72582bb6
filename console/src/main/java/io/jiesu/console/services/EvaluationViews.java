package io.jiesu.console.services;

import java.time.Instant;

/** evaluation-service's answers as the console reads them (only the fields the pages use). */
public final class EvaluationViews {
    private EvaluationViews() {
    }

    public record Objection(String objectionId, String caseId, String unitCode, String reason, String statement,
            String status, Instant filedAt, Instant decidedAt, String reviewer, String comment) {
    }

    /** A page of the return-visit queue (completed cases awaiting their visit, oldest due first). */
    public record VisitQueue(java.util.List<VisitDue> items, long total, int page, int size) {
    }

    public record VisitDue(String caseId, int round, String unitCode, String districtCode, String streetCode,
            String categoryCode, Instant completedAt, Instant visitDueAt, int attempts) {
    }

    public record Visit(String visitId, String caseId, Instant visitedAt, boolean reached, Boolean contactedInTime,
            String resolution, String satisfaction, String comment) {
    }
}
