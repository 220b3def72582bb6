package io.jiesu.analytics.insight;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.RiskAlert;
import io.jiesu.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Risk early warning (防范化解风险). Three rules, each raising {@code jiesu.insight.risk-alert.v1} once (the
 * {@code risk_alert.dedupe_key} is unique) with the case ids as evidence:
 * <ul>
 * <li>COLLECTIVE_COMPLAINT: at least {@code collective.min-cases} (5) non-consultation appeals of one category in
 * one street/town within {@code collective.window} (2 h). While an alert's window is still open (its last case
 * less than a window ago) further cases do not raise another.</li>
 * <li>DANGEROUS_KEYWORD: the content of an appeal (or a repeat appeal) holds a word of {@code risk_keyword}
 * (data); once per appeal. The content is scanned in memory and never stored; only the matched words are.</li>
 * <li>REPEATED_DISSATISFACTION: intake's events carry no caller id, so two data paths are used: (a) a caller
 * flagged by intake (keyed hash, with its case ids) with at least 2 DISSATISFIED return visits among those cases —
 * once per caller hash; (b) a case whose citizen called again about it (a SAME_CALLER repeat link) and whose
 * return visit is DISSATISFIED — once per case.</li>
 * </ul>
 */
@ApplicationScoped
public class RiskDetector {
    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @ConfigProperty(name = "jiesu.analytics.collective.min-cases", defaultValue = "5")
    int collectiveMin;
    @ConfigProperty(name = "jiesu.analytics.collective.window", defaultValue = "PT2H")
    Duration collectiveWindow;

    /** The dangerous keywords found in {@code content}, comma separated, or null. */
    @SuppressWarnings("unchecked")
    public String keywordsIn(String content) {
        if (content == null || content.isBlank()) {
            return null;
        }
        List<String> words = em.createNativeQuery("SELECT keyword FROM risk_keyword ORDER BY keyword").getResultList();
        List<String> found = words.stream().filter(content::contains).toList();
        return found.isEmpty() ? null : String.join(",", found);
    }

    @SuppressWarnings("unchecked")
    public void afterAppeal(String caseId, Enums.AppealType type, String category, Location location,
            Instant receivedAt, String keywords) {
        String district = location == null ? null : location.districtCode();
        String street = location == null ? null : location.streetCode();
        if (keywords != null) {
            raise("KW|" + caseId, Enums.RiskKind.DANGEROUS_KEYWORD, district, street, category, List.of(caseId),
                    "dangerous keywords in the appeal: " + keywords, receivedAt, receivedAt);
        }
        if (type == Enums.AppealType.CONSULTATION || type == Enums.AppealType.PRAISE || street == null
                || category == null || receivedAt == null) {
            return;
        }
        // one street+category at a time, so two partitions cannot both raise the same collective alert
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "collective|" + street + "|" + category).getSingleResult();
        Instant from = receivedAt.minus(collectiveWindow);
        List<String> ids = em.createNativeQuery("""
                SELECT case_id FROM case_fact WHERE street_code = ?1 AND category_code = ?2
                   AND received_at > ?3 AND received_at <= ?4
                   AND appeal_type NOT IN ('CONSULTATION', 'PRAISE') ORDER BY received_at, case_id""")
                .setParameter(1, street).setParameter(2, category).setParameter(3, from).setParameter(4, receivedAt)
                .getResultList();
        if (ids.size() < collectiveMin) {
            return;
        }
        long open = ((Number) em.createNativeQuery("""
                SELECT count(*) FROM risk_alert WHERE kind = 'COLLECTIVE_COMPLAINT' AND street_code = ?1
                   AND category_code = ?2 AND window_end > ?3""")
                .setParameter(1, street).setParameter(2, category).setParameter(3, from).getSingleResult()).longValue();
        if (open > 0) {
            return;
        }
        raise("COLLECTIVE|" + street + "|" + category + "|" + receivedAt, Enums.RiskKind.COLLECTIVE_COMPLAINT,
                district, street, category, ids, ids.size() + " appeals of " + category + " in street/town " + street
                        + " within " + collectiveWindow.toMinutes() + " minutes", receivedAt, receivedAt);
    }

    @SuppressWarnings("unchecked")
    public void afterRepeat(String caseId, String appealId, String content, Instant at) {
        String keywords = keywordsIn(content);
        if (keywords == null) {
            return;
        }
        List<Object[]> rows = em.createNativeQuery(
                "SELECT district_code, street_code, category_code FROM case_fact WHERE case_id = ?1")
                .setParameter(1, caseId).getResultList();
        Object[] r = rows.isEmpty() ? new Object[3] : rows.get(0);
        List<String> evidence = new ArrayList<>(List.of(caseId));
        raise("KW|" + caseId + "|" + appealId, Enums.RiskKind.DANGEROUS_KEYWORD, (String) r[0], (String) r[1],
                (String) r[2], evidence, "dangerous keywords in a repeat appeal " + appealId + ": " + keywords, at, at);
        checkSameCaller(caseId, at);
    }

    @SuppressWarnings("unchecked")
    public void afterDissatisfiedVisit(String caseId, Instant at) {
        List<String> callers = em.createNativeQuery("SELECT caller_hash FROM caller_case WHERE case_id = ?1")
                .setParameter(1, caseId).getResultList();
        for (String caller : callers) {
            checkCaller(caller, at);
        }
        checkSameCaller(caseId, at);
    }

    @SuppressWarnings("unchecked")
    public void checkCaller(String callerHash, Instant at) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT f.case_id, f.district_code, f.street_code, f.category_code FROM caller_case c
                JOIN case_fact f ON f.case_id = c.case_id
                WHERE c.caller_hash = ?1 AND f.satisfaction = 'DISSATISFIED' ORDER BY f.case_id""")
                .setParameter(1, callerHash).getResultList();
        if (rows.size() < 2) {
            return;
        }
        List<String> ids = rows.stream().map(r -> (String) r[0]).toList();
        Object[] first = rows.get(0);
        raise("DISSATISFIED-CALLER|" + callerHash, Enums.RiskKind.REPEATED_DISSATISFACTION, (String) first[1],
                (String) first[2], (String) first[3], ids, "a flagged caller (hash " + shortHash(callerHash) + ") is "
                        + "dissatisfied on " + ids.size() + " cases", at, at);
    }

    private void checkSameCaller(String caseId, Instant at) {
        List<?> rows = em.createNativeQuery("""
                SELECT district_code, street_code, category_code, same_caller_links FROM case_fact
                WHERE case_id = ?1 AND same_caller_links > 0 AND satisfaction = 'DISSATISFIED'""")
                .setParameter(1, caseId).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Object[] r = (Object[]) rows.get(0);
        raise("DISSATISFIED-REPEAT|" + caseId, Enums.RiskKind.REPEATED_DISSATISFACTION, (String) r[0], (String) r[1],
                (String) r[2], List.of(caseId), "the citizen called again " + r[3]
                        + " time(s) about this case and is dissatisfied", at, at);
    }

    private void raise(String key, Enums.RiskKind kind, String district, String street, String category,
            List<String> caseIds, String evidence, Instant windowEnd, Instant at) {
        Instant raisedAt = at == null ? Instant.now() : at;
        String insightId = "RA-" + java.util.UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        int inserted = em.createNativeQuery("""
                INSERT INTO risk_alert (insight_id, dedupe_key, kind, district_code, street_code, category_code, case_ids,
                                        evidence, window_end, raised_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING""")
                .setParameter(1, insightId).setParameter(2, key).setParameter(3, kind.name())
                .setParameter(4, district).setParameter(5, street).setParameter(6, category)
                .setParameter(7, String.join(",", caseIds)).setParameter(8, evidence).setParameter(9, windowEnd)
                .setParameter(10, raisedAt).executeUpdate();
        if (inserted == 1) {
            outbox.publish(EventCatalog.RISK_ALERT, insightId, raisedAt, new RiskAlert(insightId, kind, district,
                    street, category, List.copyOf(caseIds), evidence, raisedAt));
        }
    }

    private static String shortHash(String h) {
        return h.length() <= 8 ? h : h.substring(0, 8) + "…";
    }
}
