package io.jiesu.intake.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a citizen learns of their own case with its number and phone: its progress in plain terms, nothing personal
 * (no name, phone, address or content — the category only). Each part appears only while the status says it applies:
 * the unit once handed over, the due times while they are ahead, the outcome once completed, the visit once visited.
 */
public record CaseTracking(String caseId, String categoryCode, String status, Instant receivedAt, int round,
        String unitCode, Instant handedOverAt, Instant contactDueAt, Instant completionDueAt, Instant completedAt,
        String outcome, String explanation, LocalDate followUpOn, Instant visitedAt) {

    private static final Set<CaseStatus> HANDED_OVER = EnumSet.range(CaseStatus.DISPATCHED, CaseStatus.VISITED);
    private static final Set<CaseStatus> CONTACT_AHEAD = EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.SIGNED_FOR);
    private static final Set<CaseStatus> COMPLETION_AHEAD = EnumSet.range(CaseStatus.DISPATCHED,
            CaseStatus.CONTACTED);
    private static final Set<CaseStatus> DONE = EnumSet.of(CaseStatus.COMPLETED, CaseStatus.VISITED);

    /** The citizen's view of a case and its progress ({@code progress} is null until dispatch handed it over). */
    static CaseTracking of(CaseEntity kase, CaseProgressEntity progress) {
        CaseStatus status = CaseStatus.valueOf(kase.status);
        CaseProgressEntity p = progress == null ? new CaseProgressEntity() : progress;
        boolean handedOver = HANDED_OVER.contains(status) && kase.unitCode != null;
        boolean done = DONE.contains(status);
        return new CaseTracking(kase.caseId, kase.categoryCode, status.name(), kase.receivedAt, p.round,
                handedOver ? kase.unitCode : null, handedOver ? p.handedOverAt : null,
                CONTACT_AHEAD.contains(status) ? p.contactDueAt : null,
                COMPLETION_AHEAD.contains(status) ? p.completionDueAt : null,
                done ? p.completedAt : null, done ? p.outcome : null, done ? p.explanation : null,
                done ? p.followUpOn : null, status == CaseStatus.VISITED ? p.visitedAt : null);
    }
}
