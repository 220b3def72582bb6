package io.jiesu.dispatch.workorder;

import io.jiesu.platform.persistence.NativeSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** The order's own timeline ({@code work_order_history}): every action, who did it and what it carried. */
@ApplicationScoped
public class History {
    public record Entry(Instant at, String action, String unitCode, String actor, String detail) {
    }

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String caseId, Instant at, String action, String unitCode, String actor, String detail) {
        // work_order is not named: its reference is checked at commit (V12), so a new order need not be flushed first
        NativeSql.on(em, "work_order_history").query("""
                INSERT INTO work_order_history (case_id, at, action, unit_code, actor, detail)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, caseId).setParameter(2, Timestamp.from(at)).setParameter(3, action)
                .setParameter(4, unitCode).setParameter(5, actor).setParameter(6, detail)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<Entry> of(String caseId) {
        List<Object[]> rows = NativeSql.on(em, "work_order_history").query("""
                SELECT at, action, unit_code, actor, detail FROM work_order_history WHERE case_id = ?1 ORDER BY id""")
                .setParameter(1, caseId).getResultList();
        return rows.stream().map(r -> new Entry(instant(r[0]), (String) r[1], (String) r[2], (String) r[3],
                (String) r[4])).toList();
    }

    static Instant instant(Object v) {
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) v;
    }
}
