package io.jiesu.analytics.problemlist;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The stored problem-list rule (one row) and its audit trail. */
@ApplicationScoped
public class ProblemListRuleRepository {
    private final EntityManager em;

    public ProblemListRuleRepository(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    public Optional<ProblemListRule> current() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT top, min_appeals, min_months, area, reason, updated_by, updated_at
                FROM problem_list_rule WHERE id = 1""").getResultList();
        return rows.stream().findFirst().map(r -> rule(r, ProblemListRule.Source.ADMIN));
    }

    public void save(ProblemListRule rule) {
        em.createNativeQuery("""
                INSERT INTO problem_list_rule (id, top, min_appeals, min_months, area, reason, updated_by, updated_at)
                VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (id) DO UPDATE SET top = EXCLUDED.top, min_appeals = EXCLUDED.min_appeals,
                    min_months = EXCLUDED.min_months, area = EXCLUDED.area, reason = EXCLUDED.reason,
                    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""")
                .setParameter(1, rule.top()).setParameter(2, rule.minAppeals()).setParameter(3, rule.minMonths())
                .setParameter(4, rule.area().name()).setParameter(5, rule.reason()).setParameter(6, rule.updatedBy())
                .setParameter(7, rule.updatedAt()).executeUpdate();
        em.createNativeQuery("""
                INSERT INTO problem_list_rule_audit (top, min_appeals, min_months, area, reason, changed_by, changed_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, rule.top()).setParameter(2, rule.minAppeals()).setParameter(3, rule.minMonths())
                .setParameter(4, rule.area().name()).setParameter(5, rule.reason()).setParameter(6, rule.updatedBy())
                .setParameter(7, rule.updatedAt()).executeUpdate();
    }

    /** The changes, newest first. */
    @SuppressWarnings("unchecked")
    public List<ProblemListRule> history(int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT top, min_appeals, min_months, area, reason, changed_by, changed_at
                FROM problem_list_rule_audit ORDER BY id DESC LIMIT ?1""").setParameter(1, limit).getResultList();
        return rows.stream().map(r -> rule(r, ProblemListRule.Source.ADMIN)).toList();
    }

    private static ProblemListRule rule(Object[] r, ProblemListRule.Source source) {
        return new ProblemListRule(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                ProposalRanking.Area.valueOf((String) r[3]), source, (String) r[4], (String) r[5], instant(r[6]));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
