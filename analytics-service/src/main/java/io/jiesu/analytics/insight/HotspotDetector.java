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
import java.util.Collection;
import java.util.List;

/**
 * Spike detection per category × street/town × Beijing day, rule {@link SpikeRule}: with the counts of the
 * {@code baseline-days} (14) days before day D, zeros included, giving mean μ and population standard deviation
 * σ, day D is a hotspot when its count c satisfies {@code c >= min-count (5)} and
 * {@code c > μ + k·max(σ, 1)} with k = {@code sigmas} (3). Evaluated once per poll for each (category, street, D) it
 * added appeals to, after they are stored, and reported at the count that crossed the threshold; the
 * {@code hotspot} row's unique key (category, street, D) makes the insight once per hotspot, also under
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

    /** A street/town × category × Beijing day a poll's appeals added to, and the time of the poll's last one. */
    public record PlaceDay(String category, String district, String street, LocalDate day, Instant at) {
    }

    /**
     * The spike rule once per street/town × category × day of a poll, after its appeals are stored: one read of the
     * days' counts (days with a hotspot already left out), the baseline read only for a day at or above min-count.
     */
    public void evaluate(Collection<PlaceDay> days) {
        List<PlaceDay> todo = days.stream().filter(d -> d.category() != null && d.street() != null && d.day() != null)
                .toList();
        if (todo.isEmpty()) {
            return;
        }
        SpikeRule rule = spikeRule();
        NativeSql.withoutTables(em, "SELECT pg_advisory_xact_lock_shared(hashtext(?1))").setParameter(1, COUNTERS_LOCK)
                .getSingleResult();
        LocalDate completeFrom = countersCompleteFrom();
        List<Object[]> counts = Rows.select(em, """
                SELECT g.i, COALESCE(c.appeals, 0)
                FROM unnest(?::text[], ?::text[], ?::text[]::date[]) WITH ORDINALITY AS g(s, c, d, i)
                LEFT JOIN place_day_count c ON c.street_code = g.s AND c.category_code = g.c AND c.day = g.d
                WHERE NOT EXISTS (SELECT 1 FROM hotspot h WHERE h.category_code = g.c AND h.street_code = g.s
                                     AND h.day = g.d)""",
                todo.stream().map(PlaceDay::street).toArray(String[]::new),
                todo.stream().map(PlaceDay::category).toArray(String[]::new),
                todo.stream().map(d -> d.day().toString()).toArray(String[]::new));
        for (Object[] row : counts) {
            PlaceDay d = todo.get(((Number) row[0]).intValue() - 1);
            boolean counted = completeFrom == null || !d.day().minusDays(baselineDays).isBefore(completeFrom);
            long count = counted ? ((Number) row[1]).longValue() : countFacts(d.street(), d.category(), d.day());
            if (rule.mayBeSpike(count)) {
                List<Number> baseline = counted ? baselineCounts(d.street(), d.category(), d.day())
                        : baselineFacts(d.street(), d.category(), d.day());
                rule.crossed(count, baseline).ifPresent(spike -> raise(rule, d, spike));
            }
        }
    }

    private void raise(SpikeRule rule, PlaceDay d, SpikeRule.Spike spike) {
        String insightId = "HS-" + d.category() + "-" + d.street() + "-" + d.day();
        int count = (int) spike.count();
        int inserted = NativeSql.on(em, "hotspot").query("""
                INSERT INTO hotspot (insight_id, category_code, district_code, street_code, day, count, baseline_mean,
                                     baseline_stddev, rule, detected_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING""")
                .setParameter(1, insightId).setParameter(2, d.category()).setParameter(3, d.district())
                .setParameter(4, d.street()).setParameter(5, d.day()).setParameter(6, count)
                .setParameter(7, spike.mean()).setParameter(8, spike.stddev()).setParameter(9, rule.describe())
                .setParameter(10, d.at()).executeUpdate();
        if (inserted == 1) {
            outbox.publish(EventCatalog.HOTSPOT_DETECTED, insightId, d.at(), new HotspotDetected(insightId,
                    d.category(), d.district(), d.street(), d.day(), count, spike.mean(), spike.stddev(),
                    rule.describe(), d.at()));
        }
    }

    /** The first day {@code place_day_count} is complete for (retention deleted only older ones); null: every day. */
    @SuppressWarnings("unchecked")
    private LocalDate countersCompleteFrom() {
        List<Object> horizon = NativeSql.on(em, "counter_horizon").query(
                "SELECT complete_from FROM counter_horizon WHERE name = 'place_day_count'").getResultList();
        if (horizon.isEmpty() || horizon.get(0) == null) {
            return null;
        }
        Object v = horizon.get(0);
        return v instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(v.toString());
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
