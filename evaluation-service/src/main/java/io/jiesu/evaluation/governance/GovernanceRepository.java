package io.jiesu.evaluation.governance;

import io.jiesu.contract.event.CommendationListPublished.CommendedUnit;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.event.GovernanceListPublishedV2.GovernanceEntry;
import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.persistence.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The governance-type and commendation lists of each revision, the street/town ranks of earlier months the
 * multi-month rule reads, and the measures (督办/帮扶/约谈) with their progress notes.
 */
@ApplicationScoped
public class GovernanceRepository {
    public record ListHeader(String period, int revision, String schemeVersion, Instant computedAt,
            String governanceRule, List<String> governanceUnits, String commendationRule) {
    }

    public record Progress(Instant at, String author, String note, Enums.MeasureStatus status) {
    }

    public record Measure(String measureId, String period, String unitCode, String districtCode,
            Enums.MeasureKind kind, String description, String responsibleUnit, LocalDate dueDate,
            Enums.MeasureStatus status, String assignedBy, Instant assignedAt, Instant completedAt,
            List<Progress> progress) {
    }

    private final EntityManager em;

    public GovernanceRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * The street/town ranks of the latest revision of each month from {@code from} up to (not including)
     * {@code before}: at most K − 1 months, ~350 rows each, whatever the history's length.
     */
    @SuppressWarnings("unchecked")
    public List<GovernanceRule.MonthRanks> streetRanks(String from, String before) {
        List<Object[]> rows = NativeSql.on(em, "score", "score_revision").query("""
                SELECT s.period, s.unit_code, s.rank FROM score s
                JOIN (SELECT period, max(revision) AS revision FROM score_revision
                      WHERE period >= ?1 AND period < ?2 GROUP BY period) r
                  ON r.period = s.period AND r.revision = s.revision
                WHERE s.peer_group = 'STREET_TOWN' AND s.rank IS NOT NULL""")
                .setParameter(1, from).setParameter(2, before).getResultList();
        Map<String, Map<String, Integer>> byMonth = new LinkedHashMap<>();
        for (Object[] r : rows) {
            byMonth.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((String) r[1], ((Number) r[2]).intValue());
        }
        List<GovernanceRule.MonthRanks> result = new ArrayList<>();
        byMonth.forEach((period, ranks) -> result.add(new GovernanceRule.MonthRanks(period, ranks, ranks.size())));
        return result;
    }

    public void insertEntries(String period, int revision, List<GovernanceEntry> entries) {
        int position = 0;
        for (GovernanceEntry e : entries) {
            NativeSql.on(em, "governance_entry", "score_revision").query("""
                    INSERT INTO governance_entry (period, revision, unit_code, district_code, rank, bottom_months,
                        of_last_months, appeals_per_10k, reasons, position)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""")
                    .setParameter(1, period).setParameter(2, revision).setParameter(3, e.unitCode())
                    .setParameter(4, e.districtCode()).setParameter(5, e.rank())
                    .setParameter(6, String.join(",", e.bottomMonths())).setParameter(7, e.ofLastMonths())
                    .setParameter(8, e.appealsPer10k()).setParameter(9, String.join("\n", e.reasons()))
                    .setParameter(10, position++).executeUpdate();
        }
    }

    public void insertCommendations(String period, int revision, String rule, List<CommendedUnit> units) {
        NativeSql.on(em, "score_revision").query(
                "UPDATE score_revision SET commendation_rule = ?3 WHERE period = ?1 AND revision = ?2")
                .setParameter(1, period).setParameter(2, revision).setParameter(3, rule).executeUpdate();
        for (CommendedUnit u : units) {
            NativeSql.on(em, "commendation_entry", "score_revision").query("""
                    INSERT INTO commendation_entry (period, revision, peer_group, unit_code, rank, composite, cases)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                    .setParameter(1, period).setParameter(2, revision).setParameter(3, u.peerGroup())
                    .setParameter(4, u.unitCode()).setParameter(5, u.rank()).setParameter(6, u.composite())
                    .setParameter(7, u.cases()).executeUpdate();
        }
    }

    /** The latest revision of a month, if it was calculated. */
    @SuppressWarnings("unchecked")
    public Optional<ListHeader> latest(String period) {
        List<Object[]> rows = NativeSql.on(em, "score_revision").query("""
                SELECT revision, scheme_version, computed_at, governance_rule, governance_units, commendation_rule
                FROM score_revision WHERE period = ?1 ORDER BY revision DESC LIMIT 1""")
                .setParameter(1, period).getResultList();
        return rows.stream().findFirst().map(r -> new ListHeader(period, ((Number) r[0]).intValue(), (String) r[1],
                Rows.instant(r[2]), (String) r[3],
                ((String) r[4]).isEmpty() ? List.of() : List.of(((String) r[4]).split(",")), (String) r[5]));
    }

    /**
     * The governance entries of a revision in list order; a revision from before the reasons were kept gets its
     * codes with no reasons.
     */
    @SuppressWarnings("unchecked")
    public List<GovernanceEntry> entries(ListHeader header, java.util.function.Function<String, String> districtOf) {
        List<Object[]> rows = NativeSql.on(em, "governance_entry").query("""
                SELECT unit_code, district_code, rank, bottom_months, of_last_months, appeals_per_10k, reasons
                FROM governance_entry WHERE period = ?1 AND revision = ?2 ORDER BY position""")
                .setParameter(1, header.period()).setParameter(2, header.revision()).getResultList();
        if (rows.isEmpty()) {
            return header.governanceUnits().stream().map(u -> new GovernanceEntry(u, districtOf.apply(u), null,
                    List.of(header.period()), 1, null, List.of())).toList();
        }
        return rows.stream().map(r -> new GovernanceEntry((String) r[0], (String) r[1],
                r[2] == null ? null : ((Number) r[2]).intValue(), split((String) r[3], ","),
                ((Number) r[4]).intValue(), r[5] == null ? null : ((Number) r[5]).doubleValue(),
                split((String) r[6], "\n"))).toList();
    }

    @SuppressWarnings("unchecked")
    public List<CommendedUnit> commendations(String period, int revision) {
        List<Object[]> rows = NativeSql.on(em, "commendation_entry").query("""
                SELECT unit_code, peer_group, rank, composite, cases FROM commendation_entry
                WHERE period = ?1 AND revision = ?2 ORDER BY peer_group, rank""")
                .setParameter(1, period).setParameter(2, revision).getResultList();
        return rows.stream().map(r -> new CommendedUnit((String) r[0], (String) r[1], ((Number) r[2]).intValue(),
                ((Number) r[3]).doubleValue(), ((Number) r[4]).intValue())).toList();
    }

    public void insertMeasure(Measure m) {
        NativeSql.on(em, "governance_measure").query("""
                INSERT INTO governance_measure (measure_id, period, unit_code, district_code, kind, description,
                    responsible_unit, due_date, status, assigned_by, assigned_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)""")
                .setParameter(1, m.measureId()).setParameter(2, m.period()).setParameter(3, m.unitCode())
                .setParameter(4, m.districtCode()).setParameter(5, m.kind().name())
                .setParameter(6, m.description()).setParameter(7, m.responsibleUnit()).setParameter(8, m.dueDate())
                .setParameter(9, m.status().name()).setParameter(10, m.assignedBy()).setParameter(11, m.assignedAt())
                .executeUpdate();
    }

    /** One measure, its row locked for the caller's transaction (two notes at once keep their order). */
    public Optional<Measure> lockMeasure(String measureId) {
        List<Measure> found = measures("m.measure_id = ?1 FOR UPDATE OF m", measureId);
        return found.stream().findFirst();
    }

    /** The measures of the listed streets/towns of a month: a handful per street, bounded by the list. */
    public List<Measure> measuresOf(String period, Collection<String> unitCodes) {
        if (unitCodes.isEmpty()) {
            return List.of();
        }
        return measures("m.period = ?1 AND m.unit_code IN (?2) ORDER BY m.assigned_at, m.measure_id", period,
                unitCodes);
    }

    public void addProgress(String measureId, Instant at, String author, String note, Enums.MeasureStatus status) {
        NativeSql.on(em, "governance_measure_progress", "governance_measure").query("""
                INSERT INTO governance_measure_progress (measure_id, noted_at, author, note, status)
                VALUES (?1, ?2, ?3, ?4, ?5)""").setParameter(1, measureId).setParameter(2, at)
                .setParameter(3, author).setParameter(4, note).setParameter(5, status.name()).executeUpdate();
        NativeSql.on(em, "governance_measure").query("""
                UPDATE governance_measure SET status = ?2,
                    completed_at = CASE WHEN ?2 = 'DONE' THEN CAST(?3 AS timestamptz) ELSE completed_at END
                WHERE measure_id = ?1""").setParameter(1, measureId).setParameter(2, status.name())
                .setParameter(3, at).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Measure> measures(String where, Object... params) {
        var query = NativeSql.on(em, "governance_measure").query("""
                SELECT m.measure_id, m.period, m.unit_code, m.district_code, m.kind, m.description,
                       m.responsible_unit, m.due_date, m.status, m.assigned_by, m.assigned_at, m.completed_at
                FROM governance_measure m WHERE\s""" + where);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        List<Object[]> rows = query.getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<Progress>> notes = new HashMap<>();
        List<String> ids = rows.stream().map(r -> (String) r[0]).toList();
        List<Object[]> progress = NativeSql.on(em, "governance_measure_progress").query("""
                SELECT measure_id, noted_at, author, note, status FROM governance_measure_progress
                WHERE measure_id IN (?1) ORDER BY noted_at, id""").setParameter(1, ids).getResultList();
        for (Object[] p : progress) {
            notes.computeIfAbsent((String) p[0], k -> new ArrayList<>()).add(new Progress(Rows.instant(p[1]),
                    (String) p[2], (String) p[3], Enums.MeasureStatus.valueOf((String) p[4])));
        }
        return rows.stream().map(r -> new Measure((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                Enums.MeasureKind.valueOf((String) r[4]), (String) r[5], (String) r[6], Rows.date(r[7]),
                Enums.MeasureStatus.valueOf((String) r[8]), (String) r[9], Rows.instant(r[10]),
                r[11] == null ? null : Rows.instant(r[11]), notes.getOrDefault((String) r[0], List.of()))).toList();
    }

    private static List<String> split(String joined, String separator) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator));
    }
}
