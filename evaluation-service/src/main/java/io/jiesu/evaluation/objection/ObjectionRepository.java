package io.jiesu.evaluation.objection;

import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Objections and what they need of the case file. */
@ApplicationScoped
public class ObjectionRepository {
    /** The case an objection is about: who it counts for and when it was completed, read under a row lock. */
    public record CaseForObjection(String completionUnit, Instant completedAt) {
    }

    private final EntityManager em;

    public ObjectionRepository(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    public Optional<CaseForObjection> lockCase(String caseId) {
        List<Object[]> rows = NativeSql.on(em, "eval_case").query(
                "SELECT completion_unit, completed_at FROM eval_case WHERE case_id = ?1 FOR UPDATE")
                .setParameter(1, caseId).getResultList();
        return rows.stream().findFirst().map(r -> new CaseForObjection((String) r[0], Rows.instant(r[1])));
    }

    public boolean hasOpenOrAccepted(String caseId) {
        return ((Number) NativeSql.on(em, "objection").query(
                "SELECT count(*) FROM objection WHERE case_id = ?1 AND status IN ('PENDING', 'ACCEPTED')")
                .setParameter(1, caseId).getSingleResult()).intValue() > 0;
    }

    public void insert(String id, String caseId, String unit, String reason, String statement, String evidenceJson,
            Instant filedAt, String filedBy) {
        NativeSql.on(em, "objection", "eval_case").query("""
                INSERT INTO objection (objection_id, case_id, unit_code, reason, statement, evidence, status,
                    filed_at, filed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                .setParameter(1, id).setParameter(2, caseId).setParameter(3, unit).setParameter(4, reason)
                .setParameter(5, statement).setParameter(6, evidenceJson)
                .setParameter(7, ObjectionStatus.PENDING.name()).setParameter(8, filedAt).setParameter(9, filedBy)
                .executeUpdate();
    }

    /** Decides the objection; an accepted one takes the case out of the rates. */
    public void decide(String id, String caseId, ObjectionStatus status, Instant at, String reviewer, String comment) {
        NativeSql.on(em, "objection", "eval_case").query("""
                UPDATE objection SET status = ?2, decided_at = ?3, reviewer = ?4, comment = ?5 WHERE objection_id = ?1""")
                .setParameter(1, id).setParameter(2, status.name()).setParameter(3, at)
                .setParameter(4, reviewer).setParameter(5, comment).executeUpdate();
        if (status == ObjectionStatus.ACCEPTED) {
            NativeSql.on(em, "eval_case").query("UPDATE eval_case SET excluded = true WHERE case_id = ?1")
                    .setParameter(1, caseId).executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    public List<String> ids(ObjectionStatus status, String unitCode) {
        return NativeSql.on(em, "objection").query("""
                SELECT objection_id FROM objection WHERE (CAST(?1 AS varchar) IS NULL OR status = ?1)
                  AND (CAST(?2 AS varchar) IS NULL OR unit_code = ?2) ORDER BY filed_at""")
                .setParameter(1, status == null ? null : status.name()).setParameter(2, unitCode).getResultList();
    }

    @SuppressWarnings("unchecked")
    public Optional<Object[]> row(String id) {
        List<Object[]> rows = NativeSql.on(em, "objection").query("""
                SELECT objection_id, case_id, unit_code, reason, statement, status, filed_at, decided_at, reviewer,
                       comment FROM objection WHERE objection_id = ?1""").setParameter(1, id).getResultList();
        return rows.stream().findFirst();
    }
}
