package io.jiesu.dispatch.supervision;

import io.jiesu.platform.persistence.NativeSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The district desk's numbers (各区统筹), set-based: one grouped query over the open orders of a district's units —
 * the partial index {@code work_order_unit_open} (V9) bounds it by the open orders, however many completed ones the
 * units hold.
 */
@ApplicationScoped
public class SupervisionQueries {
    /**
     * Open orders of one unit: overdue (超期, the mark stays once set), in a 重办 round, whose running deadline falls
     * within the window, escalated to the district (重办 beyond the round limit), urged at least once (催办).
     */
    public record Counts(long open, long overdue, long reopened, long dueSoon, long escalated, long urged) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);

        Counts plus(Counts o) {
            return new Counts(open + o.open, overdue + o.overdue, reopened + o.reopened, dueSoon + o.dueSoon,
                    escalated + o.escalated, urged + o.urged);
        }
    }

    private final EntityManager em;

    @Inject
    public SupervisionQueries(EntityManager em) {
        this.em = em;
    }

    /** unit code → its counts, for the units that hold open orders (a unit with none is absent). */
    @SuppressWarnings("unchecked")
    public Map<String, Counts> openCountsByUnit(List<String> unitCodes, Instant now, Duration dueWithin) {
        if (unitCodes.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = NativeSql.on(em, "work_order").query("""
                SELECT unit_code,
                       count(*),
                       count(*) FILTER (WHERE overdue),
                       count(*) FILTER (WHERE round > 1),
                       count(*) FILTER (WHERE next_deadline >= :now AND next_deadline < :until),
                       count(*) FILTER (WHERE escalated_at IS NOT NULL),
                       count(*) FILTER (WHERE reminder_count > 0)
                FROM work_order
                WHERE unit_code IN (:units) AND status <> 'COMPLETED'
                GROUP BY unit_code""")
                .setParameter("units", unitCodes)
                .setParameter("now", Timestamp.from(now))
                .setParameter("until", Timestamp.from(now.plus(dueWithin)))
                .getResultList();
        Map<String, Counts> byUnit = new HashMap<>();
        for (Object[] r : rows) {
            byUnit.put((String) r[0], new Counts(n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6])));
        }
        return byUnit;
    }

    private static long n(Object v) {
        return ((Number) v).longValue();
    }
}
