package io.jiesu.intake.cases;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Plain: which parts of the progress a citizen sees in each status. */
class CaseTrackingTest {
    static final Instant T = Instant.parse("2026-12-01T02:00:00Z");

    static CaseEntity kase(CaseStatus status, String unit) {
        CaseEntity k = new CaseEntity();
        k.caseId = "C1";
        k.categoryCode = "HEATING";
        k.receivedAt = T;
        k.status = status.name();
        k.unitCode = unit;
        return k;
    }

    static CaseProgressEntity progress() {
        CaseProgressEntity p = new CaseProgressEntity();
        p.handedOverAt = T.plusSeconds(60);
        p.contactDueAt = T.plusSeconds(3600);
        p.completionDueAt = T.plusSeconds(86400);
        p.completedAt = T.plusSeconds(7200);
        p.outcome = "RESOLVED";
        p.explanation = "已修复";
        p.visitedAt = T.plusSeconds(9000);
        return p;
    }

    @Test
    void receivedShowsNoUnitAndNoDueTime() {
        CaseTracking t = CaseTracking.of(kase(CaseStatus.RECEIVED, null), null);
        assertEquals("RECEIVED", t.status());
        assertNull(t.unitCode());
        assertNull(t.completionDueAt());
        assertEquals(1, t.round());
    }

    @Test
    void aContactedCaseShowsTheCompletionDueButNoLongerTheContactDue() {
        CaseTracking t = CaseTracking.of(kase(CaseStatus.CONTACTED, "110101001"), progress());
        assertEquals("110101001", t.unitCode());
        assertNull(t.contactDueAt());
        assertEquals(T.plusSeconds(86400), t.completionDueAt());
        assertNull(t.outcome()); // the stored outcome of an earlier round is not this round's
    }

    @Test
    void aCompletedCaseShowsItsOutcomeAndNoDueTimeAndAVisitOnlyOnceVisited() {
        CaseTracking completed = CaseTracking.of(kase(CaseStatus.COMPLETED, "110101001"), progress());
        assertNull(completed.completionDueAt());
        assertEquals("RESOLVED", completed.outcome());
        assertEquals("已修复", completed.explanation());
        assertNull(completed.visitedAt());
        assertEquals(T.plusSeconds(9000), CaseTracking.of(kase(CaseStatus.VISITED, "110101001"), progress())
                .visitedAt());
    }

    @Test
    void theExplanationJoinsTheUnitsWords() {
        assertEquals("已制定方案；需要立项", TrackingProgress.explanation("已制定方案", " 需要立项 ", null, ""));
        assertNull(TrackingProgress.explanation(null, " "));
    }
}
