package io.jiesu.evaluation.visit;

import io.jiesu.contract.event.Enums;
import io.jiesu.evaluation.casefile.VisitStatus;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Visits and the visit loop of each case in evaluation's case file. */
@ApplicationScoped
public class VisitRepository {
    /** What a visit needs to know of its case, read under a row lock. */
    public record CaseForVisit(String caseId, Instant completedAt, boolean answeredDirectly, int round,
            VisitStatus status, String countingVisitId) {
    }

    /** One visit as listed. */
    public record VisitRow(String visitId, Instant visitedAt, int round, boolean reached, Boolean contactedInTime,
            Enums.Resolution resolution, Enums.Satisfaction satisfaction, String comment, boolean reopened) {
    }

    /** One case in the visit queue. */
    public record QueueItem(String caseId, int round, String unitCode, String districtCode, String streetCode,
            String categoryCode, Instant completedAt, Instant visitDueAt, int attempts) {
    }

    private final EntityManager em;

    public VisitRepository(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    public Optional<CaseForVisit> lockCase(String caseId) {
        List<Object[]> rows = NativeSql.on(em, "eval_case").query("""
                SELECT case_id, coalesce(round_completed_at, completed_at), answered_directly, round, visit_status,
                       visit_id FROM eval_case WHERE case_id = ?1 FOR UPDATE""").setParameter(1, caseId)
                .getResultList();
        return rows.stream().findFirst().map(r -> new CaseForVisit((String) r[0], Rows.instant(r[1]), (Boolean) r[2],
                ((Number) r[3]).intValue(), r[4] == null ? null : VisitStatus.valueOf((String) r[4]), (String) r[5]));
    }

    public Optional<String> countingVisit(String caseId) {
        @SuppressWarnings("unchecked")
        List<String> rows = NativeSql.on(em, "eval_case").query("SELECT visit_id FROM eval_case WHERE case_id = ?1")
                .setParameter(1, caseId).getResultList();
        return rows.stream().filter(java.util.Objects::nonNull).findFirst();
    }

    public void insert(String visitId, String caseId, int round, Instant visitedAt, boolean reached,
            Boolean contactedInTime, Enums.Resolution resolution, Enums.Satisfaction satisfaction, String comment,
            boolean reopened, Instant recordedAt, String recordedBy) {
        NativeSql.on(em, "visit", "eval_case").query("""
                INSERT INTO visit (visit_id, case_id, round, visited_at, reached, contacted_in_time, resolution,
                    satisfaction, comment, reopened, recorded_at, recorded_by)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)""")
                .setParameter(1, visitId).setParameter(2, caseId).setParameter(3, round).setParameter(4, visitedAt)
                .setParameter(5, reached).setParameter(6, contactedInTime)
                .setParameter(7, resolution == null ? null : resolution.name())
                .setParameter(8, satisfaction == null ? null : satisfaction.name()).setParameter(9, comment)
                .setParameter(10, reopened).setParameter(11, recordedAt).setParameter(12, recordedBy).executeUpdate();
    }

    /** After a visit: the counting visit (if it is the one), the round's visit status and the attempts. */
    public void afterVisit(String caseId, String countingVisitId, VisitStatus status, boolean attempt) {
        NativeSql.on(em, "eval_case").query("""
                UPDATE eval_case SET visit_id = coalesce(visit_id, ?2), visit_status = coalesce(?3, visit_status),
                    visit_attempts = visit_attempts + ?4 WHERE case_id = ?1""")
                .setParameter(1, caseId).setParameter(2, countingVisitId)
                .setParameter(3, status == null ? null : status.name()).setParameter(4, attempt ? 1 : 0)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<VisitRow> history(String caseId) {
        List<Object[]> rows = NativeSql.on(em, "visit").query("""
                SELECT visit_id, visited_at, round, reached, contacted_in_time, resolution, satisfaction, comment,
                       reopened FROM visit WHERE case_id = ?1 ORDER BY recorded_at, visit_id""")
                .setParameter(1, caseId).getResultList();
        return rows.stream().map(r -> new VisitRow((String) r[0], Rows.instant(r[1]), ((Number) r[2]).intValue(),
                (Boolean) r[3], (Boolean) r[4], r[5] == null ? null : Enums.Resolution.valueOf((String) r[5]),
                r[6] == null ? null : Enums.Satisfaction.valueOf((String) r[6]), (String) r[7], (Boolean) r[8]))
                .toList();
    }

    /** Completed cases awaiting their visit, oldest due first (an index range: eval_case_visit_queue). */
    @SuppressWarnings("unchecked")
    public List<QueueItem> queue(String districtCode, String unitCode, int page, int size) {
        List<Object[]> rows = NativeSql.on(em, "eval_case").query("""
                SELECT case_id, round, round_unit, district_code, street_code, category_code, round_completed_at,
                       visit_due_at, visit_attempts FROM eval_case
                WHERE visit_status = 'AWAITING' AND (CAST(?1 AS varchar) IS NULL OR district_code = ?1)
                  AND (CAST(?2 AS varchar) IS NULL OR round_unit = ?2)
                ORDER BY visit_due_at, case_id LIMIT ?3 OFFSET ?4""")
                .setParameter(1, districtCode).setParameter(2, unitCode).setParameter(3, size)
                .setParameter(4, (long) page * size).getResultList();
        return rows.stream().map(r -> new QueueItem((String) r[0], ((Number) r[1]).intValue(), (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], Rows.instant(r[6]), Rows.instant(r[7]),
                ((Number) r[8]).intValue())).toList();
    }

    public long queueSize(String districtCode, String unitCode) {
        return ((Number) NativeSql.on(em, "eval_case").query("""
                SELECT count(*) FROM eval_case WHERE visit_status = 'AWAITING'
                  AND (CAST(?1 AS varchar) IS NULL OR district_code = ?1)
                  AND (CAST(?2 AS varchar) IS NULL OR round_unit = ?2)""")
                .setParameter(1, districtCode).setParameter(2, unitCode).getSingleResult()).longValue();
    }
}
