package io.jiesu.intake.caller;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.CallerFlagged;
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

    /** Checks the caller after its appeal was stored; returns true when the appeal is flagged. */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public boolean check(String callerHash, String contentHash, String caseId, Instant now) {
        if (callerHash == null) {
            return false;
        }
        LocalDate day = now.atZone(BEIJING).toLocalDate();
        Instant dayStart = day.atStartOfDay(BEIJING).toInstant();
        List<Object[]> todays = em.createNativeQuery("""
                SELECT case_id, content_hash FROM intake_case
                WHERE caller_hash = ?1 AND accepted_at >= ?2 ORDER BY accepted_at""")
                .setParameter(1, callerHash).setParameter(2, dayStart).getResultList();
        long identical = todays.stream().filter(r -> contentHash.equals(r[1])).count();
        String rule;
        if (todays.size() > maxAppealsPerDay) {
            rule = "more than " + maxAppealsPerDay + " appeals in one day";
        } else if (identical >= maxIdenticalPerDay) {
            rule = identical + " appeals with identical content in one day (limit " + maxIdenticalPerDay + ")";
        } else {
            return false;
        }
        em.createNativeQuery("UPDATE intake_case SET flagged = true WHERE case_id = ?1").setParameter(1, caseId)
                .executeUpdate();
        int inserted = em.createNativeQuery("""
                INSERT INTO caller_flag (caller_hash, day, flagged_at, appeal_count, rule) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (caller_hash, day) DO NOTHING""")
                .setParameter(1, callerHash).setParameter(2, day).setParameter(3, now)
                .setParameter(4, todays.size()).setParameter(5, rule).executeUpdate();
        if (inserted == 0) {
            em.createNativeQuery("UPDATE caller_flag SET appeal_count = ?3 WHERE caller_hash = ?1 AND day = ?2")
                    .setParameter(1, callerHash).setParameter(2, day).setParameter(3, todays.size()).executeUpdate();
            return true; // flagged earlier today: one event a day is enough
        }
        List<String> caseIds = todays.stream().map(r -> (String) r[0]).toList();
        outbox.publish(EventCatalog.CALLER_FLAGGED, null, callerHash, now, new CallerFlagged(callerHash,
                todays.size(), 24 * 60, now, caseIds, rule));
        LOG.warnf("caller %s… flagged: %s (cases %s)", callerHash.substring(0, 12), rule, caseIds);
        return true;
    }
}
