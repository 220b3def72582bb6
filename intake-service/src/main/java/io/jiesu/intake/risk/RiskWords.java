package io.jiesu.intake.risk;

import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.intake.persistence.RefreshedSnapshot;
import io.jiesu.intake.persistence.Snapshots;
import io.jiesu.platform.persistence.Rows;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code risk_word} table (data) and its audit. Intake matches every appeal against the active words, so they are
 * kept in memory: reloaded after {@code jiesu.intake.risk-words.refresh} (10 s, so a change made on another instance
 * counts within that time) and at once on this instance after an admin change. An appeal costs no query here.
 */
@ApplicationScoped
public class RiskWords {
    /** One row as the admin API shows it. */
    public record Row(long id, String word, String kind, String description, boolean active, String createdBy,
            Instant createdAt) {
    }

    @Inject
    EntityManager em;
    @Inject
    Snapshots snapshots;
    @ConfigProperty(name = "jiesu.intake.risk-words.refresh", defaultValue = "PT10S")
    Duration refresh;

    private RefreshedSnapshot<RiskWordMatcher> matcher;

    @PostConstruct
    void cache() {
        matcher = snapshots.of(refresh, () -> new RiskWordMatcher(active()));
    }

    /** The active words in {@code content} (see {@link RiskWordMatcher}). */
    public List<RiskWordMatcher.RiskWord> in(String content) {
        return matcher.get().matches(content);
    }

    /** Forget the cached words: the next appeal reads the table again. */
    void invalidate() {
        matcher.invalidate();
    }

    @SuppressWarnings("unchecked")
    private List<RiskWordMatcher.RiskWord> active() {
        List<Object[]> rows = NativeSql.on(em, "risk_word")
                .query("SELECT id, word, kind FROM risk_word WHERE active ORDER BY id LIMIT 5000").getResultList();
        return rows.stream().map(r -> new RiskWordMatcher.RiskWord(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2])).toList();
    }

    @SuppressWarnings("unchecked")
    public List<Row> list(Boolean active) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, word, kind, description, active, created_by, created_at FROM risk_word
                WHERE (CAST(?1 AS boolean) IS NULL OR active = ?1) ORDER BY kind, word LIMIT 5000""")
                .setParameter(1, active).getResultList();
        return rows.stream().map(RiskWords::row).toList();
    }

    @SuppressWarnings("unchecked")
    public Optional<Row> byWord(String word) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, word, kind, description, active, created_by, created_at FROM risk_word WHERE word = ?1""")
                .setParameter(1, word).getResultList();
        return rows.stream().findFirst().map(RiskWords::row);
    }

    @SuppressWarnings("unchecked")
    public Optional<Row> byId(long id) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, word, kind, description, active, created_by, created_at FROM risk_word WHERE id = ?1""")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(RiskWords::row);
    }

    /** A new word, or an inactive one made active again (with its new kind and description); null if it is active. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Row add(String word, String kind, String description, String actor) {
        List<?> ids = em.createNativeQuery("""
                INSERT INTO risk_word (word, kind, description, created_by) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (word) DO UPDATE SET kind = EXCLUDED.kind, description = EXCLUDED.description,
                    active = true, updated_at = now()
                WHERE NOT risk_word.active
                RETURNING id, (xmax = 0)""")
                .setParameter(1, word).setParameter(2, kind).setParameter(3, description).setParameter(4, actor)
                .getResultList();
        if (ids.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) ids.get(0);
        long id = ((Number) r[0]).longValue();
        audit(id, Boolean.TRUE.equals(r[1]) ? "CREATED" : "REACTIVATED", actor, word, kind);
        invalidate();
        return byId(id).orElseThrow();
    }

    /** Deactivates a word; false when it is already inactive. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean deactivate(Row row, String actor) {
        int changed = em.createNativeQuery(
                "UPDATE risk_word SET active = false, updated_at = now() WHERE id = ?1 AND active")
                .setParameter(1, row.id()).executeUpdate();
        if (changed == 0) {
            return false;
        }
        audit(row.id(), "DEACTIVATED", actor, row.word(), row.kind());
        invalidate();
        return true;
    }

    private void audit(long id, String action, String actor, String word, String kind) {
        em.createNativeQuery("""
                INSERT INTO risk_word_audit (word_id, action, actor, at, word, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, id).setParameter(2, action).setParameter(3, actor == null ? "unknown" : actor)
                .setParameter(4, Timestamp.from(Instant.now())).setParameter(5, word).setParameter(6, kind)
                .executeUpdate();
    }

    /** The audit trail of one word, newest first. */
    @SuppressWarnings("unchecked")
    public List<java.util.Map<String, Object>> auditOf(long id) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT action, actor, at, word, kind FROM risk_word_audit WHERE word_id = ?1 ORDER BY id DESC LIMIT 100""")
                .setParameter(1, id).getResultList();
        return rows.stream().map(r -> {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("action", r[0]);
            m.put("actor", r[1]);
            m.put("at", Rows.instant(r[2]));
            m.put("word", r[3]);
            m.put("kind", r[4]);
            return m;
        }).toList();
    }

    private static Row row(Object[] r) {
        return new Row(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (Boolean) r[4],
                (String) r[5], Rows.instant(r[6]));
    }
}
