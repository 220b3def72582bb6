package io.jiesu.intake.assist;

import io.jiesu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A caller's history by caller hash: bounded reads on the {@code (caller_hash, received_at)} index and the
 * {@code caller_flag} primary key, so the cost stays the same whatever the caller's history.
 */
@ApplicationScoped
public class CallerHistory {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** How far back a flag still warns the call-taker. */
    static final Duration FLAG_MEMORY = Duration.ofDays(30);

    public record RecentCase(String caseId, String status, Instant receivedAt, String type, String categoryCode,
            String streetCode, String unitCode) {
    }

    public record Flag(LocalDate day, int appealCount, String rule) {
    }

    private final EntityManager em;

    CallerHistory(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    List<RecentCase> recentCases(String callerHash, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT case_id, status, received_at, appeal_type, category_code, street_code, unit_code
                FROM intake_case WHERE caller_hash = ?1 ORDER BY received_at DESC LIMIT ?2""")
                .setParameter(1, callerHash).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new RecentCase((String) r[0], (String) r[1], Rows.instant(r[2]), (String) r[3],
                (String) r[4], (String) r[5], (String) r[6])).toList();
    }

    @SuppressWarnings("unchecked")
    List<Flag> recentFlags(String callerHash, Instant now) {
        LocalDate since = now.minus(FLAG_MEMORY).atZone(BEIJING).toLocalDate();
        List<Object[]> rows = em.createNativeQuery("""
                SELECT day, appeal_count, rule FROM caller_flag WHERE caller_hash = ?1 AND day >= ?2
                ORDER BY day DESC LIMIT 10""").setParameter(1, callerHash).setParameter(2, since).getResultList();
        return rows.stream().map(r -> new Flag(Rows.date(r[0]), ((Number) r[1]).intValue(), (String) r[2])).toList();
    }
}
