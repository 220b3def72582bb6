package io.jiesu.analytics.insight;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Retention of the caller pseudonym (intake's keyed hash: pseudonymous personal data). Analytics needs it only for
 * rule (a) of REPEATED_DISSATISFACTION, which looks at cases received within
 * {@code jiesu.analytics.repeated-dissatisfaction.window} (90 days); so every
 * {@code jiesu.analytics.caller-hash.purge-every} (1 h) it clears {@code case_fact.caller_hash} and deletes the
 * {@code caller_case} rows (flagged callers) of cases received longer ago than that. Raised alerts keep only the
 * shortened hash in their evidence and the hash in their dedupe key (so the alert stays once-only). Idempotent: any
 * number of instances may run it.
 */
@ApplicationScoped
public class CallerHashRetention {
    private static final Logger LOG = Logger.getLogger(CallerHashRetention.class);

    @Inject
    EntityManager em;
    @ConfigProperty(name = "jiesu.analytics.repeated-dissatisfaction.window", defaultValue = "P90D")
    Duration window;

    @Scheduled(every = "${jiesu.analytics.caller-hash.purge-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("purging old caller hashes failed (next run retries): %s", e.toString());
        }
    }

    /** Clears the caller hashes of cases received before {@code now - window}; returns how many cases it touched. */
    @Transactional
    public int purge(Instant now) {
        Instant cutoff = now.minus(window);
        int cleared = em.createNativeQuery(
                "UPDATE case_fact SET caller_hash = NULL WHERE caller_hash IS NOT NULL AND received_at < ?1")
                .setParameter(1, cutoff).executeUpdate();
        int flagged = em.createNativeQuery("""
                DELETE FROM caller_case c USING case_fact f WHERE f.case_id = c.case_id AND f.received_at < ?1""")
                .setParameter(1, cutoff).executeUpdate();
        if (cleared + flagged > 0) {
            LOG.infof("caller hashes cleared from %d cases and %d flagged-caller rows received before %s", cleared,
                    flagged, cutoff);
        }
        return cleared + flagged;
    }
}
