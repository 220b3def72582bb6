package io.jiesu.analytics.insight;

import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.RiskAlert;
import io.jiesu.contract.event.RiskFlagged;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.persistence.NativeSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Risk early warning (防范化解风险). Three rules, each raising {@code jiesu.insight.risk-alert.v1} once (the
 * {@code risk_alert.dedupe_key} is unique) with the case ids as evidence:
 * <ul>
 * <li>COLLECTIVE_COMPLAINT: at least {@code collective.min-cases} (5) non-consultation appeals of one category in
 * one street/town within {@code collective.window} (2 h), rule {@link CollectiveRule}: an appeal whose window
 * overlaps an alert's window raises no other. Decided once per poll and group on the stored appeals, whatever
 * order the poll brought them in.</li>
 * <li>DANGEROUS_KEYWORD: intake flagged risk words in an appeal (or a repeat appeal),
 * {@code jiesu.intake.risk-flagged.v1}; the words are intake's {@code risk_word} data. Once per appeal.</li>
 * <li>REPEATED_DISSATISFACTION: (a) at least {@code repeated-dissatisfaction.min-cases} (2) DISSATISFIED return
 * visits among one caller's cases received within {@code repeated-dissatisfaction.window} (90 days) — once per
 * caller hash ({@code DISSATISFIED-CALLER|<hash>}). A caller is intake's keyed pseudonym: {@code case.received}'s
 * {@code callerHash} (every caller but anonymous and confidential ones, {@code case_fact.caller_hash}) or the hash of
 * a caller flagged by intake ({@code caller-flagged}, {@code caller_case}). Checked on each dissatisfied visit and,
 * as events of one case can come in any order across topics, when a case's caller becomes known after its visit.
 * An advisory lock per hash keeps two partitions from both missing (or both raising) it. (b) A case whose citizen
 * called again about it (a SAME_CALLER repeat link) and whose return visit is DISSATISFIED — once per case.</li>
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
    @ConfigProperty(name = "jiesu.analytics.repeated-dissatisfaction.min-cases", defaultValue = "2")
    int dissatisfiedMin;
    @ConfigProperty(name = "jiesu.analytics.repeated-dissatisfaction.window", defaultValue = "P90D")
    Duration dissatisfiedWindow;

    /**
     * DANGEROUS_KEYWORD from intake's {@code jiesu.intake.risk-flagged.v1}: intake's risk words are the one list (one
     * rule, one place). Once per appeal: {@code KW|<case>} for a new case, {@code KW|<case>|<repeat appeal>} for a
     * repeat appeal linked to an open case. Only the words are kept (on the case's row), never the content.
     */
    public void afterRiskFlagged(RiskFlagged f) {
        String words = f.words() == null ? "" : f.words().stream().map(RiskFlagged.RiskWordMatch::word).distinct()
                .collect(java.util.stream.Collectors.joining(","));
        String kinds = f.words() == null ? "" : f.words().stream().map(RiskFlagged.RiskWordMatch::kind).distinct()
                .collect(java.util.stream.Collectors.joining(","));
        boolean repeat = f.appealId() != null && !f.appealId().equals(f.caseId());
        if (!repeat) {
            NativeSql.on(em, "case_fact", "place_day_count").query("""
                    INSERT INTO case_fact (case_id, keywords) VALUES (?1, ?2)
                    ON CONFLICT (case_id) DO UPDATE SET keywords = EXCLUDED.keywords""")
                    .setParameter(1, f.caseId()).setParameter(2, words).executeUpdate();
        }
        Instant at = f.receivedAt() != null ? f.receivedAt() : f.flaggedAt();
        raise(repeat ? "KW|" + f.caseId() + "|" + f.appealId() : "KW|" + f.caseId(), Enums.RiskKind.DANGEROUS_KEYWORD,
                f.districtCode(), f.streetCode(), f.categoryCode(), List.of(f.caseId()),
                (repeat ? "dangerous keywords in a repeat appeal " + f.appealId() : "dangerous keywords in the appeal")
                        + ": " + words + " (" + kinds + ")", at, at);
    }

    /** An appeal of {@code case.received}, as the collective-complaint rule needs it. */
    public record Appeal(String caseId, Enums.AppealType type, String category, Location location, Instant receivedAt) {
    }

    public CollectiveRule collectiveRule() {
        return new CollectiveRule(collectiveMin, collectiveWindow);
    }

    /**
     * COLLECTIVE_COMPLAINT after a poll's appeals are stored: once per street/town × category of the poll, decided by
     * {@link CollectiveRule} on the group's appeals in the read model (not on the order the poll brought them), for
     * every appeal from the poll's first one to a window after its last one.
     */
    @SuppressWarnings("unchecked")
    public void afterAppeals(java.util.Collection<Appeal> appeals) {
        record Group(String street, String category) {
        }
        java.util.Map<Group, Instant[]> groups = new java.util.TreeMap<>(
                java.util.Comparator.comparing(Group::street).thenComparing(Group::category));
        for (Appeal a : appeals) {
            String street = a.location() == null ? null : a.location().streetCode();
            if (a.type() == Enums.AppealType.CONSULTATION || a.type() == Enums.AppealType.PRAISE || street == null
                    || a.category() == null || a.receivedAt() == null) {
                continue;
            }
            groups.merge(new Group(street, a.category()), new Instant[] {a.receivedAt(), a.receivedAt()},
                    (x, y) -> new Instant[] {min(x[0], y[0]), max(x[1], y[1])});
        }
        if (groups.isEmpty()) {
            return;
        }
        List<Group> keys = List.copyOf(groups.keySet());
        String[] streets = keys.stream().map(Group::street).toArray(String[]::new);
        String[] categories = keys.stream().map(Group::category).toArray(String[]::new);
        // one street+category at a time, so two partitions cannot both raise (or both miss) the same collective
        // alert; the locks in one order (by lock id), so that two polls of several groups cannot deadlock
        Rows.select(em, """
                SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtext('collective|' || s || '|' || c) h
                    FROM unnest(?::text[], ?::text[]) AS g(s, c) ORDER BY 1) l""", streets, categories);
        CollectiveRule rule = collectiveRule();
        // per group: its appeals in (first − window, last + window], and its alerts that may overlap them
        String[] lo = new String[keys.size()];
        String[] hi = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            Instant[] range = groups.get(keys.get(i));
            lo[i] = range[0].minus(collectiveWindow).toString();
            hi[i] = range[1].plus(collectiveWindow).toString();
        }
        List<Object[]> rows = Rows.select(em, """
                SELECT g.i, f.received_at, f.case_id, f.district_code
                FROM unnest(?::text[], ?::text[], ?::text[]::timestamptz[], ?::text[]::timestamptz[])
                     WITH ORDINALITY AS g(s, c, lo, hi, i)
                JOIN case_fact f ON f.street_code = g.s AND f.category_code = g.c
                     AND f.received_at > g.lo AND f.received_at <= g.hi
                     AND f.appeal_type NOT IN ('CONSULTATION', 'PRAISE')""", streets, categories, lo, hi);
        List<Object[]> raised = Rows.select(em, """
                SELECT g.i, a.window_end
                FROM unnest(?::text[], ?::text[], ?::text[]::timestamptz[], ?::text[]::timestamptz[])
                     WITH ORDINALITY AS g(s, c, lo, hi, i)
                JOIN risk_alert a ON a.kind = 'COLLECTIVE_COMPLAINT' AND a.street_code = g.s AND a.category_code = g.c
                     AND a.window_end > g.lo - ?::interval AND a.window_end < g.hi + ?::interval""",
                streets, categories, lo, hi, collectiveWindow.toSeconds() + " seconds",
                collectiveWindow.toSeconds() + " seconds");
        java.util.Map<Integer, List<CollectiveRule.Appeal>> byGroup = new java.util.HashMap<>();
        for (Object[] r : rows) {
            byGroup.computeIfAbsent(((Number) r[0]).intValue() - 1, k -> new java.util.ArrayList<>())
                    .add(new CollectiveRule.Appeal(instant(r[1]), (String) r[2], (String) r[3]));
        }
        java.util.Map<Integer, List<Instant>> alertsByGroup = new java.util.HashMap<>();
        for (Object[] r : raised) {
            alertsByGroup.computeIfAbsent(((Number) r[0]).intValue() - 1, k -> new java.util.ArrayList<>())
                    .add(instant(r[1]));
        }
        for (var entry : byGroup.entrySet()) {
            if (entry.getValue().size() < collectiveMin) {
                continue;
            }
            Group g = keys.get(entry.getKey());
            Instant[] range = groups.get(g);
            for (CollectiveRule.Alert alert : rule.decide(entry.getValue(),
                    alertsByGroup.getOrDefault(entry.getKey(), List.of()), range[0], range[1].plus(collectiveWindow))) {
                raise("COLLECTIVE|" + g.street() + "|" + g.category() + "|" + alert.windowEnd(),
                        Enums.RiskKind.COLLECTIVE_COMPLAINT, alert.districtCode(), g.street(), g.category(),
                        alert.caseIds(), alert.caseIds().size() + " appeals of " + g.category() + " in street/town "
                                + g.street() + " within " + collectiveWindow.toMinutes() + " minutes",
                        alert.windowEnd(), alert.windowEnd());
            }
        }
    }

    private static Instant instant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof java.time.OffsetDateTime o) { // what the PostgreSQL driver gives for timestamptz
            return o.toInstant();
        }
        return ((java.sql.Timestamp) v).toInstant();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A repeat appeal was linked to the case: the citizen may now be dissatisfied and calling again. */
    public void afterRepeat(String caseId, Instant at) {
        checkSameCaller(caseId, at);
    }

    @SuppressWarnings("unchecked")
    /**
     * Serialises, per case, the two writers the repeated-dissatisfaction rule joins: a dissatisfied visit (on
     * case.evaluation) and a caller-flagged list naming the case (on case.intake). They share no row, so without this
     * each transaction could miss the other's uncommitted half and neither would raise the alert. Both take these
     * locks before writing, in one (sorted) order, and before any caller lock.
     */
    public void lockCases(java.util.Collection<String> caseIds) {
        for (String caseId : new java.util.TreeSet<>(caseIds)) {
            NativeSql.withoutTables(em, "SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "case|" + caseId)
                    .getSingleResult();
        }
    }

    public void afterDissatisfiedVisit(String caseId, Instant at) {
        List<String> callers = NativeSql.on(em, "case_fact", "caller_case").query("""
                SELECT caller_hash FROM case_fact WHERE case_id = ?1 AND caller_hash IS NOT NULL
                UNION SELECT caller_hash FROM caller_case WHERE case_id = ?1 ORDER BY 1""")
                .setParameter(1, caseId).getResultList();
        for (String caller : callers) {
            checkCaller(caller, at);
        }
        checkSameCaller(caseId, at);
    }

    /** A case's caller became known ({@code case.received} after its return visit): check it if dissatisfied. */
    public void afterCallerKnown(String caseId, String callerHash, Instant at) {
        if (callerHash == null) {
            return;
        }
        long dissatisfied = ((Number) NativeSql.on(em, "case_fact").query(
                "SELECT count(*) FROM case_fact WHERE case_id = ?1 AND satisfaction = 'DISSATISFIED'")
                .setParameter(1, caseId).getSingleResult()).longValue();
        if (dissatisfied > 0) {
            checkCaller(callerHash, at);
        }
    }

    /**
     * Rule (a) for one caller hash: its cases (by {@code case.received}'s pseudonym or a {@code caller-flagged}
     * list) received within the window before {@code at} with a DISSATISFIED return visit.
     */
    @SuppressWarnings("unchecked")
    public void checkCaller(String callerHash, Instant at) {
        String key = "DISSATISFIED-CALLER|" + callerHash;
        // once per caller hash: raised already (alerts are never deleted), nothing can change — and a relentless
        // caller's later visits need not read their cases again
        if (!NativeSql.on(em, "risk_alert").query("SELECT 1 FROM risk_alert WHERE dedupe_key = ?1").setParameter(1, key)
                .getResultList().isEmpty()) {
            return;
        }
        // one caller at a time, so two partitions' visits of one caller cannot each miss the other
        NativeSql.withoutTables(em, "SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "caller|" + callerHash).getSingleResult();
        Instant from = (at == null ? Instant.now() : at).minus(dissatisfiedWindow);
        // only the caller's DISSATISFIED cases (partial index case_fact_caller_dissatisfied), not all their cases
        List<Object[]> rows = NativeSql.on(em, "case_fact", "caller_case").query("""
                SELECT f.case_id, f.district_code, f.street_code, f.category_code FROM case_fact f
                WHERE f.caller_hash = ?1 AND f.satisfaction = 'DISSATISFIED'
                  AND (f.received_at IS NULL OR f.received_at > ?2)
                UNION
                SELECT f.case_id, f.district_code, f.street_code, f.category_code
                FROM caller_case c JOIN case_fact f ON f.case_id = c.case_id
                WHERE c.caller_hash = ?1 AND f.satisfaction = 'DISSATISFIED'
                  AND (f.received_at IS NULL OR f.received_at > ?2)
                ORDER BY 1""")
                .setParameter(1, callerHash).setParameter(2, from).getResultList();
        if (rows.size() < dissatisfiedMin) {
            return;
        }
        List<String> ids = rows.stream().map(r -> (String) r[0]).toList();
        Object[] first = rows.get(0);
        raise(key, Enums.RiskKind.REPEATED_DISSATISFACTION, (String) first[1],
                (String) first[2], (String) first[3], ids, "one caller (hash " + shortHash(callerHash) + ") is "
                        + "dissatisfied on " + ids.size() + " cases within " + dissatisfiedWindow.toDays() + " days",
                at, at);
    }

    private void checkSameCaller(String caseId, Instant at) {
        List<?> rows = NativeSql.on(em, "case_fact").query("""
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
        int inserted = NativeSql.on(em, "risk_alert").query("""
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
