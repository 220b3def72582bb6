package io.jiesu.intake.caller;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CallerFlagged;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Abusive callers (恶意骚扰): the Regulation forbids malicious repeated calls. A caller over the daily limits is
 * flagged once a day ({@code jiesu.case.caller-flagged.v1}) and its appeals are marked — still recorded and
 * handled, never dropped.
 */
@ApplicationScoped
public class AbuseDetector {
    private static final Logger LOG = Logger.getLogger(AbuseDetector.class);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @ConfigProperty(name = "jiesu.intake.abuse.max-appeals-per-day", defaultValue = "10")
    int maxAppealsPerDay;
    @ConfigProperty(name = "jiesu.intake.abuse.max-identical-per-day", defaultValue = "3")
    int maxIdenticalPerDay;

    /**
     * Counts the appeal just stored for its caller (the day's total and the day's appeals with this content, one
     * upsert on {@code caller_day_count} in the appeal's transaction) and checks the limits; returns true when the
     * appeal is flagged (the caller marks its case and the answer). Call it once
     * per case created: a retry of the same {@code externalId} creates no case and
     * so is never counted twice; concurrent appeals of one caller serialise on the counter row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean check(String callerHash, String contentHash, Instant now) {
        if (callerHash == null) {
            return false;
        }
        LocalDate day = now.atZone(BEIJING).toLocalDate();
        Counts counts = count(callerHash, contentHash, day);
        Optional<String> breach = limits().breach(counts.total(), counts.identical());
        if (breach.isEmpty()) {
            return false;
        }
        String rule = breach.get();
        int inserted = NativeSql.on(em, "caller_flag").query("""
                INSERT INTO caller_flag (caller_hash, day, flagged_at, appeal_count, rule) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (caller_hash, day) DO NOTHING""")
                .setParameter(1, callerHash).setParameter(2, day).setParameter(3, now)
                .setParameter(4, counts.total()).setParameter(5, rule).executeUpdate();
        if (inserted == 0) {
            NativeSql.on(em, "caller_flag")
                    .query("UPDATE caller_flag SET appeal_count = ?3 WHERE caller_hash = ?1 AND day = ?2")
                    .setParameter(1, callerHash).setParameter(2, day).setParameter(3, counts.total()).executeUpdate();
            return true; // flagged earlier today: one event a day is enough
        }
        // the first flag of the day: the event names the day's cases, at most the counter's total (limit + 1)
        List<String> caseIds = casesOfTheDay(callerHash, day, counts.total());
        outbox.publish(EventCatalog.CALLER_FLAGGED, null, callerHash, now, new CallerFlagged(callerHash,
                counts.total(), 24 * 60, now, caseIds, rule));
        LOG.warnf("caller %s… flagged: %s (cases %s)", callerHash.substring(0, 12), rule, caseIds);
        return true;
    }

    AbuseLimits limits() {
        return new AbuseLimits(maxAppealsPerDay, maxIdenticalPerDay);
    }

    /** The caller's counts of the day after this appeal: one statement, two rows, constant cost. */
    @SuppressWarnings("unchecked")
    private Counts count(String callerHash, String contentHash, LocalDate day) {
        List<Object[]> rows = NativeSql.on(em, "caller_day_count").query("""
                INSERT INTO caller_day_count AS c (caller_hash, day, content_hash, appeals)
                VALUES (?1, ?2, '', 1), (?1, ?2, ?3, 1)
                ON CONFLICT (caller_hash, day, content_hash) DO UPDATE SET appeals = c.appeals + 1
                RETURNING c.content_hash, c.appeals""")
                .setParameter(1, callerHash).setParameter(2, day).setParameter(3, contentHash).getResultList();
        int total = 0;
        int identical = 0;
        for (Object[] r : rows) {
            if (((String) r[0]).isEmpty()) {
                total = ((Number) r[1]).intValue();
            } else {
                identical = ((Number) r[1]).intValue();
            }
        }
        return new Counts(total, identical);
    }

    @SuppressWarnings("unchecked")
    private List<String> casesOfTheDay(String callerHash, LocalDate day, int limit) {
        return NativeSql.on(em, "intake_case").query("""
                SELECT case_id FROM intake_case WHERE caller_hash = ?1 AND accepted_at >= ?2
                ORDER BY accepted_at LIMIT ?3""")
                .setParameter(1, callerHash).setParameter(2, day.atStartOfDay(BEIJING).toInstant())
                .setParameter(3, limit).getResultList();
    }

    private record Counts(int total, int identical) {
    }
}
