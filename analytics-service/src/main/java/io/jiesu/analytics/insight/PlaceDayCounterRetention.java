package io.jiesu.analytics.insight;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Retention of the spike rule's counters ({@code place_day_count}, one row per street/town × category × day): every
 * {@code jiesu.analytics.counters.purge-every} (1 h) it moves the counters' horizon to {@code keep-days} (40) Beijing
 * days before today and deletes the counters of older days in bounded batches ({@code batch-size} rows, at most
 * {@code max-batches} per run, each batch its own short transaction), so the table holds about
 * {@code keep-days} days whatever the history. Each batch takes the counters' advisory lock alone
 * ({@link HotspotDetector#COUNTERS_LOCK}; every appeal takes it shared), so no spike check reads a baseline half
 * deleted; {@link HotspotDetector} counts case rows for days before the horizon. Idempotent: any number of instances
 * may run it. {@code keep-days} must exceed {@code jiesu.analytics.hotspot.baseline-days}.
 */
@ApplicationScoped
public class PlaceDayCounterRetention {
    private static final Logger LOG = Logger.getLogger(PlaceDayCounterRetention.class);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Inject
    EntityManager em;
    @ConfigProperty(name = "jiesu.analytics.counters.keep-days", defaultValue = "40")
    int keepDays;
    @ConfigProperty(name = "jiesu.analytics.hotspot.baseline-days", defaultValue = "14")
    int baselineDays;
    @ConfigProperty(name = "jiesu.analytics.counters.batch-size", defaultValue = "5000")
    int batchSize;
    @ConfigProperty(name = "jiesu.analytics.counters.max-batches", defaultValue = "20")
    int maxBatches;

    @Scheduled(every = "${jiesu.analytics.counters.purge-every:1h}", delayed = "45s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("purging old place/day counters failed (next run retries): %s", e.toString());
        }
    }

    /** The first day whose counters are kept as of {@code now}. */
    public LocalDate horizon(Instant now) {
        if (keepDays <= baselineDays) {
            throw new IllegalStateException("jiesu.analytics.counters.keep-days (" + keepDays
                    + ") must exceed jiesu.analytics.hotspot.baseline-days (" + baselineDays + ")");
        }
        return now.atZone(BEIJING).toLocalDate().minusDays(keepDays);
    }

    /** Moves the horizon and deletes the counters before it (bounded); returns how many rows it deleted. */
    public int purge(Instant now) {
        LocalDate horizon = horizon(now);
        int total = 0;
        int batches = 0;
        int last;
        do {
            last = QuarkusTransaction.requiringNew().call(() -> batch(horizon));
            total += last;
            batches++;
        } while (last == batchSize && batches < maxBatches);
        if (total > 0) {
            LOG.infof("deleted %d place/day counters of days before %s", total, horizon);
        }
        return total;
    }

    private int batch(LocalDate horizon) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, HotspotDetector.COUNTERS_LOCK).getSingleResult();
        em.createNativeQuery("""
                UPDATE counter_horizon SET complete_from = ?1
                WHERE name = 'place_day_count' AND (complete_from IS NULL OR complete_from < ?1)""")
                .setParameter(1, horizon).executeUpdate();
        return em.createNativeQuery("""
                DELETE FROM place_day_count WHERE ctid = ANY (ARRAY (
                    SELECT ctid FROM place_day_count WHERE day < ?1 LIMIT ?2)) AND day < ?1""")
                .setParameter(1, horizon).setParameter(2, batchSize).executeUpdate();
    }
}
