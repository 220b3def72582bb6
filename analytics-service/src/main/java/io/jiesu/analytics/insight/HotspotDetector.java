package io.jiesu.analytics.insight;

import io.jiesu.analytics.ingest.CaseEventConsumer;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.HotspotDetected;
import io.jiesu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Spike detection per category × street/town × Beijing day. The rule: with the counts of the
 * {@code baseline-days} (14) days before day D, zeros included, giving mean μ and population standard deviation
 * σ, day D is a hotspot when its count c satisfies {@code c >= min-count (5)} and
 * {@code c > μ + k·max(σ, 1)} with k = {@code sigmas} (3). Evaluated on every appeal of (category, street, D);
 * the {@code hotspot} row's unique key (category, street, D) makes the insight once per hotspot, also under
 * redelivery and replays. The insight goes out through the outbox in the same transaction.
 */
@ApplicationScoped
public class HotspotDetector {
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

    public String rule() {
        return "count >= " + minCount + " and count > mean + " + fmt(sigmas) + " * max(stddev, 1) over the previous "
                + baselineDays + " days (category × street/town × Beijing day)";
    }

    @SuppressWarnings("unchecked")
    public void evaluate(String category, String district, String street, LocalDate day, Instant at) {
        if (category == null || street == null || day == null) {
            return;
        }
        // By received_at, not by day: the day is the Beijing date of received_at, and the (street, category,
        // received_at) index then reads only that day's cases instead of the street's whole history.
        long count = ((Number) em.createNativeQuery("""
                SELECT count(*) FROM case_fact WHERE street_code = ?1 AND category_code = ?2
                   AND received_at >= ?3 AND received_at < ?4""")
                .setParameter(1, street).setParameter(2, category).setParameter(3, startOf(day))
                .setParameter(4, startOf(day.plusDays(1))).getSingleResult()).longValue();
        if (count < minCount) {
            return;
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT day, count(*) FROM case_fact WHERE street_code = ?1 AND category_code = ?2
                   AND received_at >= ?3 AND received_at < ?4 GROUP BY day""")
                .setParameter(1, street).setParameter(2, category)
                .setParameter(3, startOf(day.minusDays(baselineDays))).setParameter(4, startOf(day)).getResultList();
        double sum = 0;
        double sumSq = 0;
        for (Object[] r : rows) {
            double c = ((Number) r[1]).doubleValue();
            sum += c;
            sumSq += c * c;
        }
        double mean = sum / baselineDays;
        double variance = Math.max(0, sumSq / baselineDays - mean * mean);
        double std = Math.sqrt(variance);
        if (count <= mean + sigmas * Math.max(std, 1.0)) {
            return;
        }
        String insightId = "HS-" + category + "-" + street + "-" + day;
        int inserted = em.createNativeQuery("""
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

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Instant startOf(LocalDate beijingDay) {
        return beijingDay.atStartOfDay(CaseEventConsumer.BEIJING).toInstant();
    }
}
