package io.jiesu.evaluation.scoring;

import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.UnitScore;
import io.jiesu.evaluation.scheme.CountedOutcome;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The month's inputs of the scoring rules, and the stored revisions of scores. */
@ApplicationScoped
public class ScoreRepository {
    public record ScoreRow(String period, int revision, String peerGroup, String unitCode, int cases,
            double responseRate, double resolutionRate, double satisfactionRate, Double attendanceRate,
            double composite, Integer rank) {
    }

    public record RevisionRow(String schemeVersion, Instant computedAt, String rule, List<String> unitCodes) {
    }

    private final EntityManager em;

    public ScoreRepository(EntityManager em) {
        this.em = em;
    }

    /** One calculation of a month at a time (transaction-scoped lock); the next revision number is then safe. */
    public void lockPeriod(String period) {
        NativeSql.withoutTables(em, "SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "scores:" + period)
                .getSingleResult();
    }

    /**
     * The month's counted cases grouped as the rules see them: completed cases of the month and open cases whose
     * completion deadline (in the month) has passed by {@code now}; accepted objections and direct answers left out.
     * Signed for / contacted in time: dispatch's event was not late and came by the deadline of the current order.
     */
    @SuppressWarnings("unchecked")
    public List<CaseTally> tallies(String period, Instant now) {
        List<Object[]> rows = NativeSql.on(em, "eval_case", "visit").query("""
                SELECT CASE WHEN c.completed_at IS NULL THEN c.unit_code ELSE c.completion_unit END,
                       c.district_code, c.completed_at IS NULL,
                       c.signed_at IS NOT NULL AND NOT coalesce(c.signed_late, false)
                         AND (c.sign_for_deadline IS NULL OR c.signed_at <= c.sign_for_deadline),
                       c.contacted_at IS NOT NULL AND NOT coalesce(c.contacted_late, false)
                         AND (c.contact_deadline IS NULL OR c.contacted_at <= c.contact_deadline),
                       v.contacted_in_time, c.outcome, coalesce(v.reached, false), v.resolution, v.satisfaction,
                       count(*)
                FROM eval_case c LEFT JOIN visit v ON v.visit_id = c.visit_id
                WHERE c.period = ?1 AND NOT c.excluded AND NOT c.answered_directly
                  AND (c.completed_at IS NOT NULL OR c.completion_deadline < ?2)
                GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10""").setParameter(1, period).setParameter(2, now)
                .getResultList();
        List<CaseTally> result = new ArrayList<>();
        for (Object[] r : rows) {
            result.add(new CaseTally((String) r[0], (String) r[1],
                    (Boolean) r[2] ? CaseTally.Standing.OPEN_OVERDUE : CaseTally.Standing.COMPLETED, (Boolean) r[3],
                    (Boolean) r[4], (Boolean) r[5], CountedOutcome.of((String) r[6]).orElse(null), (Boolean) r[7],
                    r[8] == null ? null : Enums.Resolution.valueOf((String) r[8]),
                    r[9] == null ? null : Enums.Satisfaction.valueOf((String) r[9]), ((Number) r[10]).intValue()));
        }
        return result;
    }

    /** Overdue marks (超期) of the month per unit, and per district as {@code D<code>}. */
    @SuppressWarnings("unchecked")
    public Map<String, Integer> overdueMarks(String period) {
        Map<String, Integer> result = new HashMap<>();
        List<Object[]> rows = NativeSql.on(em, "overdue_mark", "eval_case").query("""
                SELECT m.unit_code, c.district_code, count(*) FROM overdue_mark m
                LEFT JOIN eval_case c ON c.case_id = m.case_id
                WHERE m.period = ?1 AND NOT coalesce(c.excluded, false) GROUP BY 1, 2""")
                .setParameter(1, period).getResultList();
        for (Object[] r : rows) {
            int n = ((Number) r[2]).intValue();
            result.merge((String) r[0], n, Integer::sum);
            if (r[1] != null) {
                result.merge("D" + r[1], n, Integer::sum);
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    public Map<String, ScoringRules.Attendance> attendance(String period) {
        Map<String, ScoringRules.Attendance> result = new HashMap<>();
        List<Object[]> rows = NativeSql.on(em, "whistle_attendance").query(
                "SELECT unit_code, received, in_time, late FROM whistle_attendance WHERE period = ?1")
                .setParameter(1, period).getResultList();
        rows.forEach(r -> result.put((String) r[0], new ScoringRules.Attendance(((Number) r[1]).intValue(),
                ((Number) r[2]).intValue(), ((Number) r[3]).intValue())));
        return result;
    }

    public Optional<Integer> latestRevision(String period) {
        Number n = (Number) NativeSql.on(em, "score_revision").query(
                "SELECT max(revision) FROM score_revision WHERE period = ?1")
                .setParameter(1, period).getSingleResult();
        return Optional.ofNullable(n).map(Number::intValue);
    }

    public void insertRevision(String period, int revision, String schemeVersion, Instant at, String reason,
            List<String> governance, String rule) {
        NativeSql.on(em, "score_revision").query("""
                INSERT INTO score_revision (period, revision, scheme_version, computed_at, reason, governance_units,
                    governance_rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, period).setParameter(2, revision).setParameter(3, schemeVersion)
                .setParameter(4, at).setParameter(5, reason).setParameter(6, String.join(",", governance))
                .setParameter(7, rule).executeUpdate();
    }

    public void insertScore(String period, int revision, UnitScore s, Double attendanceRate) {
        NativeSql.on(em, "score", "score_revision").query("""
                INSERT INTO score (period, revision, peer_group, unit_code, cases, response_rate, resolution_rate,
                    satisfaction_rate, attendance_rate, composite, rank)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                .setParameter(1, period).setParameter(2, revision).setParameter(3, s.peerGroup())
                .setParameter(4, s.unitCode()).setParameter(5, s.cases()).setParameter(6, s.responseRate())
                .setParameter(7, s.resolutionRate()).setParameter(8, s.satisfactionRate())
                .setParameter(9, attendanceRate).setParameter(10, s.composite()).setParameter(11, s.rank())
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<ScoreRow> scores(String period, int revision, PeerGroup group) {
        List<Object[]> rows = NativeSql.on(em, "score").query("""
                SELECT peer_group, unit_code, cases, response_rate, resolution_rate, satisfaction_rate,
                       attendance_rate, composite, rank FROM score
                WHERE period = ?1 AND revision = ?2 AND (CAST(?3 AS varchar) IS NULL OR peer_group = ?3)
                ORDER BY peer_group, rank NULLS LAST, composite DESC, unit_code""")
                .setParameter(1, period).setParameter(2, revision).setParameter(3, group == null ? null : group.name())
                .getResultList();
        return rows.stream().map(r -> new ScoreRow(period, revision, (String) r[0], (String) r[1],
                ((Number) r[2]).intValue(), ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue(),
                ((Number) r[5]).doubleValue(), r[6] == null ? null : ((Number) r[6]).doubleValue(),
                ((Number) r[7]).doubleValue(), r[8] == null ? null : ((Number) r[8]).intValue())).toList();
    }

    public RevisionRow revision(String period, int revision) {
        Object[] r = (Object[]) NativeSql.on(em, "score_revision").query("""
                SELECT scheme_version, computed_at, governance_rule, governance_units FROM score_revision
                WHERE period = ?1 AND revision = ?2""").setParameter(1, period).setParameter(2, revision)
                .getSingleResult();
        String units = (String) r[3];
        return new RevisionRow((String) r[0], Rows.instant(r[1]), (String) r[2],
                units.isEmpty() ? List.of() : List.of(units.split(",")));
    }
}
