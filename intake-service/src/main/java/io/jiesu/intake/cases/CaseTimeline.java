package io.jiesu.intake.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.persistence.Rows;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/** The timeline of a case: one row per thing that happened to it, from intake's own steps and followed events. */
@ApplicationScoped
public class CaseTimeline {
    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String caseId, Instant at, String kind, String summary, String unitCode, String sourceEventId) {
        em.createNativeQuery("""
                INSERT INTO case_timeline (case_id, at, kind, summary, unit_code, source_event_id)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (source_event_id) DO NOTHING""")
                .setParameter(1, caseId).setParameter(2, at).setParameter(3, kind).setParameter(4, summary)
                .setParameter(5, unitCode).setParameter(6, sourceEventId)
                .executeUpdate();
    }

    /** A line intake writes itself (no unit, no source event). */
    public record Line(String caseId, String kind, String summary) {
    }

    /**
     * Intake's own lines of one moment, in their order, as one statement (an appeal writes one to five of them). The
     * tables are named so that the statement does not flush the session.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addAll(Instant at, List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO case_timeline (case_id, at, kind, summary) VALUES ");
        for (int i = 0; i < lines.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(3 * i + 2).append(", ?1, ?").append(3 * i + 3)
                    .append(", ?").append(3 * i + 4).append(")");
        }
        Query insert = NativeSql.on(em, "case_timeline").query(sql.toString()).setParameter(1, at);
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            insert.setParameter(3 * i + 2, line.caseId()).setParameter(3 * i + 3, line.kind())
                    .setParameter(3 * i + 4, line.summary());
        }
        insert.executeUpdate();
    }

    /** Whether the case was reopened (重办) at or after {@code at}: one bounded range of the (case_id, at) index. */
    public boolean reopenedSince(String caseId, Instant at) {
        return !em.createNativeQuery("""
                SELECT 1 FROM case_timeline WHERE case_id = ?1 AND at >= ?2 AND kind = 'REOPENED' LIMIT 1""")
                .setParameter(1, caseId).setParameter(2, at).getResultList().isEmpty();
    }

    @SuppressWarnings("unchecked")
    public List<CaseView.TimelineEntry> of(String caseId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT at, kind, summary, unit_code FROM case_timeline WHERE case_id = ?1 ORDER BY at, id""")
                .setParameter(1, caseId).getResultList();
        return rows.stream().map(r -> new CaseView.TimelineEntry(Rows.instant(r[0]), (String) r[1], (String) r[2],
                (String) r[3])).toList();
    }

}
