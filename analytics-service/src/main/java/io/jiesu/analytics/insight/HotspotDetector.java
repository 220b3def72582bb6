package io.jiesu.analytics.insight;

import io.jiesu.analytics.ingest.CaseEventConsumer;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.HotspotDetected;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.persistence.NativeSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Spike detection per category × street/town × Beijing day, rule {@link SpikeRule}: with the counts of the
 * {@code baseline-days} (14) days before day D, zeros included, giving mean μ and population standard deviation
 * σ, day D is a hotspot when its count c satisfies {@code c >= min-count (5)} and
 * {@code c > μ + k·max(σ, 1)} with k = {@code sigmas} (3). Evaluated on every appeal of (category, street, D);
 * the {@code hotspot} row's unique key (category, street, D) makes the insight once per hotspot, also under
 * redelivery and replays. The insight goes out through the outbox in the same transaction.
 *
 * <p>Constant cost per appeal (issue 18): the counts come from {@code place_day_count} (one row per street/town ×
 * category × day, kept by a trigger in the same statement as the {@code case_fact} write, see
 * V9__place_day_counters.sql): one primary-key read for the day and at most {@code baseline-days} rows for the
 * baseline, whatever the size of the surge. For days whose baseline reaches before the counters' horizon
 * ({@link PlaceDayCounterRetention} deleted those counters) it counts the {@code case_fact} rows instead, as it did
 * before — the same figures, only for late events of old days.
 */
@ApplicationScoped
public class HotspotDetector {
    /** Shared by every appeal's transaction, taken alone by a retention batch: the horizon cannot move under a read. */
    public static final String COUNTERS_LOCK = "analytics|place_day_count";

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @ConfigProperty(name = "jiesu.analytics.hotspot.baseline-days", defaultValue = "14")
    int baselineDays;
    @ConfigProperty(name = "jiesu.analytics.hotspot.min-count", defaultValue = "5")
    int minCount;
    @ConfigProperty(name = "jiesu.analytics.hotspot.sigmas", defaultValue = "3")
    double sigmas;

    public SpikeRule spikeRule() {
        return new SpikeRule(baselineDays, minCount, sigmas);
    }

    public String rule() {
        return spikeRule().describe();
    }

    public void evaluate(String category, String district, String street, LocalDate day, Instant at) {
        if (category == null || street == null || day == null) {
            return;
        }
        SpikeRule rule = spikeRule();
        NativeSql.withoutTables(em, "SELECT pg_advisory_xact_lock_shared(hashtext(?1))").setParameter(1, COUNTERS_LOCK)
                .getSingleResult();
        boolean counted = countersComplete(day.minusDays(baselineDays));
        long count = counted ? dayCount(street, category, day) : countFacts(street, category, day);
        if (!rule.mayBeSpike(count)) {
            return;
        }
        List<Number> baseline = counted ? baselineCounts(street, category, day) : baselineFacts(street, category, day);
        Optional<SpikeRule.Spike> spike = rule.test(count, baseline);
        if (spike.isEmpty()) {
            return;
        }
        double mean = spike.get().mean();
        double std = spike.get().stddev();
        String insightId = "HS-" + category + "-" + street + "-" + day;
        int inserted = NativeSql.on(em, "hotspot").query("""
                INSERT INTO hotspot (insight_id, category_code, district_code, street_code, day, count, baseline_mean,
                                     baseline_stddev, rule, detected_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING""")
                .setParameter(1, insightId).setParameter(2, category).setParameter(3, district)
                .setParameter(4, street).setParameter(5, day).setParameter(6, (int) count).setParameter(7, mean)
                .setParameter(8, std).setParameter(9, rule()).setParameter(10, at).executeUpdate();
        if (inserted == 1) {
            outbox.publish(EventCatalog.HOTSPOT_DETECTED, insightId, at, new HotspotDetected(insightId, category,
                    district, street, day, (int) count, mean, std, rule(), at));
        }
    }

    /** Whether {@code place_day_count} holds every day from {@code from} on (retention deleted only older ones). */
    @SuppressWarnings("unchecked")
    private boolean countersComplete(LocalDate from) {
        List<Object> horizon = NativeSql.on(em, "counter_horizon").query(
                "SELECT complete_from FROM counter_horizon WHERE name = 'place_day_count'").getResultList();
        if (horizon.isEmpty() || horizon.get(0) == null) {
            return true;
        }
        Object v = horizon.get(0);
        LocalDate completeFrom = v instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(v.toString());
        return !from.isBefore(completeFrom);
    }

    @SuppressWarnings("unchecked")
    private long dayCount(String street, String category, LocalDate day) {
        List<Number> rows = NativeSql.on(em, "place_day_count").query("""
                SELECT appeals FROM place_day_count WHERE street_code = ?1 AND category_code = ?2 AND day = ?3""")
                .setParameter(1, street).setParameter(2, category).setParameter(3, day).getResultList();
        return rows.isEmpty() ? 0 : rows.get(0).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Number> baselineCounts(String street, String category, LocalDate day) {
        return NativeSql.on(em, "place_day_count").query("""
                SELECT appeals FROM place_day_count WHERE street_code = ?1 AND category_code = ?2
                   AND day >= ?3 AND day < ?4""")
                .setParameter(1, street).setParameter(2, category).setParameter(3, day.minusDays(baselineDays))
                .setParameter(4, day).getResultList();
    }

    /** The day's count from the case rows (days before the counters' horizon). */
    private long countFacts(String street, String category, LocalDate day) {
        return ((Number) NativeSql.on(em, "case_fact").query("""
                SELECT count(*) FROM case_fact WHERE street_code = ?1 AND category_code = ?2
                   AND received_at >= ?3 AND received_at < ?4""")
                .setParameter(1, street).setParameter(2, category).setParameter(3, startOf(day))
                .setParameter(4, startOf(day.plusDays(1))).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Number> baselineFacts(String street, String category, LocalDate day) {
        List<Object[]> rows = NativeSql.on(em, "case_fact").query("""
                SELECT day, count(*) FROM case_fact WHERE street_code = ?1 AND category_code = ?2
                   AND received_at >= ?3 AND received_at < ?4 GROUP BY day""")
                .setParameter(1, street).setParameter(2, category)
                .setParameter(3, startOf(day.minusDays(baselineDays))).setParameter(4, startOf(day)).getResultList();
        return rows.stream().map(r -> (Number) r[1]).toList();
    }

    private static Instant startOf(LocalDate beijingDay) {
        return beijingDay.atStartOfDay(CaseEventConsumer.BEIJING).toInstant();
    }
}
