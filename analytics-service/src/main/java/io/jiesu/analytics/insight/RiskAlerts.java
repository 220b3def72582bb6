package io.jiesu.analytics.insight;

import io.jiesu.contract.event.Enums;
import io.jiesu.contract.reference.District;
import io.jiesu.contract.reference.ReferenceData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of risk alerts and the actions taken on them (the resource and the actions hold none). */
@ApplicationScoped
public class RiskAlerts {
    /** One alert as stored. */
    public record Alert(String insightId, Enums.RiskKind kind, String districtCode, String streetCode,
            String categoryCode, List<String> caseIds, String evidence, Instant raisedAt, RiskAlertStatus status,
            String closedBy, Instant closedAt, String closeNote) {
    }

    /** One action: a proactive work order (actionId = its case id) or a supervision task (actionId = ST-…). */
    public record Action(String actionId, RiskAlertActionKind kind, String unitCode, String note, LocalDate dueDate,
            String requestId, String createdBy, Instant createdAt) {
    }

    @Inject
    EntityManager em;

    private static final String COLUMNS = """
            insight_id, kind, district_code, street_code, category_code, case_ids, evidence, raised_at, status,
            closed_by, closed_at, close_note""";

    /** Newest first; every filter optional. Bounded by {@code limit}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(RiskAlertStatus status, Enums.RiskKind kind, String districtCode, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + """
                 FROM risk_alert WHERE (CAST(?1 AS varchar) IS NULL OR status = ?1)
                  AND (CAST(?2 AS varchar) IS NULL OR kind = ?2) AND (CAST(?3 AS varchar) IS NULL OR district_code = ?3)
                ORDER BY raised_at DESC, insight_id LIMIT ?4""")
                .setParameter(1, status == null ? null : status.name()).setParameter(2, kind == null ? null : kind.name())
                .setParameter(3, districtCode).setParameter(4, limit).getResultList();
        return rows.stream().map(r -> view(alert(r))).toList();
    }

    /** The alert, locked for the rest of the transaction when {@code lock} (actions on one alert go one at a time). */
    @SuppressWarnings("unchecked")
    public Optional<Alert> find(String insightId, boolean lock) {
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM risk_alert WHERE insight_id = ?1"
                + (lock ? " FOR UPDATE" : "")).setParameter(1, insightId).getResultList();
        return rows.stream().findFirst().map(RiskAlerts::alert);
    }

    @SuppressWarnings("unchecked")
    public List<Action> actions(String insightId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT action_id, kind, unit_code, note, due_date, request_id, created_by, created_at
                FROM risk_alert_action WHERE insight_id = ?1 ORDER BY created_at, action_id LIMIT 1000""")
                .setParameter(1, insightId).getResultList();
        return rows.stream().map(r -> new Action((String) r[0], RiskAlertActionKind.valueOf((String) r[1]),
                (String) r[2], (String) r[3], date(r[4]), (String) r[5], (String) r[6], instant(r[7]))).toList();
    }

    /**
     * Supervision tasks (督办) given to {@code supervisorUnit} (D&lt;district&gt; or CITY; every one when null), newest
     * first, each with its alert's kind, area, cases and status.
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> tasks(String supervisorUnit, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT t.action_id, t.unit_code, t.note, t.due_date, t.created_by, t.created_at, a.insight_id, a.kind,
                       a.district_code, a.street_code, a.category_code, a.case_ids, a.evidence, a.raised_at, a.status,
                       a.closed_by, a.closed_at, a.close_note
                FROM risk_alert_action t JOIN risk_alert a ON a.insight_id = t.insight_id
                WHERE t.kind = 'SUPERVISION_TASK' AND (CAST(?1 AS varchar) IS NULL OR t.unit_code = ?1)
                ORDER BY t.created_at DESC, t.action_id LIMIT ?2""")
                .setParameter(1, supervisorUnit).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("taskId", r[0]);
            m.put("supervisorUnit", r[1]);
            m.put("note", r[2]);
            m.put("dueDate", date(r[3]) == null ? null : date(r[3]).toString());
            m.put("assignedBy", r[4]);
            m.put("assignedAt", instant(r[5]) == null ? null : instant(r[5]).toString());
            m.put("alert", view(alert(Arrays.copyOfRange(r, 6, r.length))));
            return m;
        }).toList();
    }

    public void addAction(String insightId, Action a) {
        em.createNativeQuery("""
                INSERT INTO risk_alert_action (action_id, insight_id, kind, unit_code, note, due_date, request_id,
                                               created_by, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                .setParameter(1, a.actionId()).setParameter(2, insightId).setParameter(3, a.kind().name())
                .setParameter(4, a.unitCode()).setParameter(5, a.note()).setParameter(6, a.dueDate())
                .setParameter(7, a.requestId()).setParameter(8, a.createdBy())
                .setParameter(9, Timestamp.from(a.createdAt())).executeUpdate();
        em.createNativeQuery("UPDATE risk_alert SET status = ?2 WHERE insight_id = ?1 AND status = ?3")
                .setParameter(1, insightId).setParameter(2, RiskAlertStatus.ACTING.name())
                .setParameter(3, RiskAlertStatus.OPEN.name()).executeUpdate();
    }

    public void close(String insightId, String by, Instant at, String note) {
        em.createNativeQuery("""
                UPDATE risk_alert SET status = ?2, closed_by = ?3, closed_at = ?4, close_note = ?5 WHERE insight_id = ?1""")
                .setParameter(1, insightId).setParameter(2, RiskAlertStatus.CLOSED.name()).setParameter(3, by)
                .setParameter(4, Timestamp.from(at)).setParameter(5, note).executeUpdate();
    }

    /** A new proactive case id {@code P<yyyyMMdd><7 digits>}, from the sequence monthly topics use too. */
    public String newProactiveCaseId(Instant now) {
        long seq = ((Number) em.createNativeQuery("SELECT nextval('proactive_case_seq')").getSingleResult()).longValue();
        return "P" + now.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString().replace("-", "")
                + String.format("%07d", seq);
    }

    /** The alert as the API shows it (with the area's name). */
    public static Map<String, Object> view(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("insightId", a.insightId());
        m.put("kind", a.kind());
        m.put("districtCode", a.districtCode());
        m.put("streetCode", a.streetCode());
        m.put("areaName", areaName(a.streetCode() != null ? a.streetCode() : a.districtCode()));
        m.put("categoryCode", a.categoryCode());
        m.put("caseIds", a.caseIds());
        m.put("evidence", a.evidence());
        m.put("raisedAt", a.raisedAt() == null ? null : a.raisedAt().toString());
        m.put("status", a.status());
        m.put("closedBy", a.closedBy());
        m.put("closedAt", a.closedAt() == null ? null : a.closedAt().toString());
        m.put("closeNote", a.closeNote());
        return m;
    }

    static String areaName(String code) {
        if (code == null || "CITY".equals(code)) {
            return "北京市";
        }
        ReferenceData ref = ReferenceData.get();
        return ref.district(code).map(District::name).orElseGet(() -> ref.unit(code).map(u -> u.name()).orElse(code));
    }

    private static Alert alert(Object[] r) {
        return new Alert((String) r[0], Enums.RiskKind.valueOf((String) r[1]), (String) r[2], (String) r[3],
                (String) r[4], r[5] == null || ((String) r[5]).isEmpty() ? List.of()
                        : Arrays.asList(((String) r[5]).split(",")), (String) r[6], instant(r[7]),
                RiskAlertStatus.valueOf((String) r[8]), (String) r[9], instant(r[10]), (String) r[11]);
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) v;
    }

    private static LocalDate date(Object v) {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return v == null ? null : v instanceof LocalDate l ? l : LocalDate.parse(v.toString());
    }
}
