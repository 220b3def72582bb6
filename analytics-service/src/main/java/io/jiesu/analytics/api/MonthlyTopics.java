package io.jiesu.analytics.api;

import io.jiesu.analytics.ingest.CaseEventConsumer;
import io.jiesu.analytics.problemlist.ProblemListRepository;
import io.jiesu.analytics.problemlist.ProblemStatus;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.Location;
import io.jiesu.contract.event.MonthlyTopicProposed;
import io.jiesu.contract.event.ProactiveWorkOrderRequested;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.web.ProblemException;
import jakarta.persistence.EntityManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.jiesu.analytics.api.AnalyticsQueries.num;
import static io.jiesu.analytics.api.AnalyticsQueries.round4;
import static io.jiesu.analytics.api.AnalyticsQueries.row;

/**
 * 每月一题 and 未诉先办. Candidates per month are ranked by
 * {@code score = 0.5 · volume / max volume + 0.25 · min(max(growth, 0), 1) + 0.25 · dissatisfaction rate}
 * (growth against the previous month; dissatisfaction = DISSATISFIED / visits with an answer). An adopted topic holds
 * a plan and three lists; each task can be sent once as a proactive work order that dispatch turns into a work order.
 * The logic and SQL behind {@link MonthlyTopicResource}.
 */
@ApplicationScoped
public class MonthlyTopics {
    private final EntityManager em;
    private final Outbox outbox;
    private final CallerIdentity caller;
    private final ProblemListRepository problemList;

    public MonthlyTopics(EntityManager em, Outbox outbox, CallerIdentity caller, ProblemListRepository problemList) {
        this.em = em;
        this.outbox = outbox;
        this.caller = caller;
        this.problemList = problemList;
    }

    /** {@code problemEntryId}: the ADOPTED entry of the year's problem list this topic belongs to (optional). */
    public record Adoption(String period, String categoryCode, String districtCode, String title, String plan,
            String problemEntryId) {
    }

    public record Task(String unitCode, String description, String dueDate, String districtCode, String streetCode) {
    }

    public record Policy(String title, String note) {
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> candidates(String period,
            int limit) {
        YearMonth month = month(period);
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        LocalDate prevFrom = month.minusMonths(1).atDay(1);
        List<Object[]> rows = em.createNativeQuery("""
                SELECT category_code,
                       count(*) FILTER (WHERE day BETWEEN ?1 AND ?2),
                       count(*) FILTER (WHERE day BETWEEN ?3 AND ?4),
                       count(*) FILTER (WHERE day BETWEEN ?1 AND ?2 AND satisfaction IS NOT NULL AND reached AND NOT excluded),
                       count(*) FILTER (WHERE day BETWEEN ?1 AND ?2 AND satisfaction = 'DISSATISFIED' AND reached AND NOT excluded)
                FROM case_fact WHERE day BETWEEN ?3 AND ?2 AND category_code IS NOT NULL
                GROUP BY 1 HAVING count(*) FILTER (WHERE day BETWEEN ?1 AND ?2) > 0""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, prevFrom)
                .setParameter(4, from.minusDays(1)).getResultList();
        long max = rows.stream().mapToLong(r -> num(r[1])).max().orElse(1);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] r : rows) {
            long volume = num(r[1]);
            long previous = num(r[2]);
            Double growth = previous == 0 ? null : (volume - previous) / (double) previous;
            double dissatisfaction = num(r[3]) == 0 ? 0 : num(r[4]) / (double) num(r[3]);
            double score = 0.5 * volume / max + 0.25 * Math.min(Math.max(growth == null ? 1 : growth, 0), 1)
                    + 0.25 * dissatisfaction;
            String category = (String) r[0];
            out.add(row("period", month.toString(), "categoryCode", category,
                    "categoryName", ReferenceData.get().category(category).map(c -> c.name()).orElse(category),
                    "volume", volume, "previousVolume", previous, "growth", growth == null ? null : round4(growth),
                    "dissatisfactionRate", round4(dissatisfaction), "score", round4(score)));
        }
        out.sort(Comparator.comparing((Map<String, Object> m) -> -(double) m.get("score"))
                .thenComparing(m -> (String) m.get("categoryCode")));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** Publishes the top {@code count} candidates as {@code jiesu.insight.monthly-topic-proposed.v1}, once each. */
    @Transactional
    public List<Map<String, Object>> propose(String period,
            int count) {
        List<Map<String, Object>> top = candidates(period, count);
        Instant now = Instant.now();
        List<Map<String, Object>> proposed = new ArrayList<>();
        for (Map<String, Object> c : top) {
            String topicId = "MT-" + c.get("period") + "-" + c.get("categoryCode");
            int inserted = em.createNativeQuery("""
                    INSERT INTO topic_proposal (period, category_code, topic_id, proposed_at) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT DO NOTHING""").setParameter(1, c.get("period")).setParameter(2, c.get("categoryCode"))
                    .setParameter(3, topicId).setParameter(4, now).executeUpdate();
            if (inserted == 1) {
                Double growth = (Double) c.get("growth");
                outbox.publish(EventCatalog.MONTHLY_TOPIC_PROPOSED, topicId, now, new MonthlyTopicProposed(topicId,
                        (String) c.get("period"), (String) c.get("categoryCode"), c.get("categoryName") + "治理",
                        (double) c.get("score"), ((Number) c.get("volume")).intValue(), growth == null ? 0 : growth,
                        (double) c.get("dissatisfactionRate"), now));
                proposed.add(c);
            }
        }
        return proposed;
    }
    @Transactional
    public Response adopt(Adoption a) {
        if (a == null || a.period() == null || a.categoryCode() == null || blank(a.title()) || blank(a.plan())) {
            throw ProblemException.badRequest("period (YYYY-MM), categoryCode, title and plan are required");
        }
        YearMonth month = month(a.period());
        if (ReferenceData.get().category(a.categoryCode()).isEmpty()) {
            throw ProblemException.unprocessable("unknown categoryCode " + a.categoryCode()
                    + "; see GET /api/v1/categories on intake-service");
        }
        if (a.districtCode() != null && ReferenceData.get().district(a.districtCode()).isEmpty()) {
            throw ProblemException.unprocessable("unknown districtCode " + a.districtCode());
        }
        if (a.problemEntryId() != null) {
            // 每月一题 is part of the year's list: only under an adopted entry of the same category and year
            ProblemListRepository.Entry entry = problemList.entry(a.problemEntryId(), false).orElseThrow(
                    () -> ProblemException.unprocessable("unknown problemEntryId " + a.problemEntryId()));
            if (entry.status() != ProblemStatus.ADOPTED) {
                throw ProblemException.unprocessable(a.problemEntryId() + " is " + entry.status()
                        + "; a monthly topic belongs to an ADOPTED problem-list entry");
            }
            if (!entry.categoryCode().equals(a.categoryCode()) || entry.year() != month.getYear()) {
                throw ProblemException.unprocessable(a.problemEntryId() + " is about " + entry.categoryCode()
                        + " in " + entry.year() + ", not " + a.categoryCode() + " in " + month.getYear());
            }
        }
        String topicId = "MT-" + month + "-" + a.categoryCode();
        int inserted = em.createNativeQuery("""
                INSERT INTO monthly_topic (topic_id, period, category_code, district_code, title, plan, adopted_at, adopted_by,
                                           problem_entry_id)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS varchar)) ON CONFLICT DO NOTHING""")
                .setParameter(1, topicId).setParameter(2, month.toString()).setParameter(3, a.categoryCode())
                .setParameter(4, a.districtCode()).setParameter(5, a.title()).setParameter(6, a.plan())
                .setParameter(7, Instant.now()).setParameter(8, caller.subject())
                .setParameter(9, a.problemEntryId()).executeUpdate();
        if (inserted == 0) {
            throw ProblemException.conflict("a topic for " + a.categoryCode() + " in " + month + " is already adopted: "
                    + topicId).with("topicId", topicId);
        }
        // the problem list: every case of the category (and district) in the month
        em.createNativeQuery("""
                INSERT INTO topic_problem (topic_id, case_id, district_code, street_code, day)
                SELECT ?1, case_id, district_code, street_code, day FROM case_fact
                WHERE category_code = ?2 AND day BETWEEN ?3 AND ?4
                  AND (CAST(?5 AS varchar) IS NULL OR district_code = ?5)""")
                .setParameter(1, topicId).setParameter(2, a.categoryCode()).setParameter(3, month.atDay(1))
                .setParameter(4, month.atEndOfMonth()).setParameter(5, a.districtCode()).executeUpdate();
        return Response.status(201).entity(topic(topicId)).build();
    }
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list() {
        List<String> ids = em.createNativeQuery("SELECT topic_id FROM monthly_topic ORDER BY period DESC, topic_id")
                .getResultList();
        return ids.stream().map(this::topic).toList();
    }
    @Transactional
    public Map<String, Object> get(String topicId) {
        return topic(topicId);
    }
    @Transactional
    public Response addTask(String topicId, Task t) {
        topic(topicId);
        if (t == null || blank(t.unitCode()) || blank(t.description()) || blank(t.dueDate())) {
            throw ProblemException.badRequest("unitCode, description and dueDate (YYYY-MM-DD) are required");
        }
        if (ReferenceData.get().unit(t.unitCode()).isEmpty()) {
            throw ProblemException.unprocessable("unknown unitCode " + t.unitCode());
        }
        LocalDate due = AnalyticsQueries.date(t.dueDate(), "dueDate");
        String taskId = "T-" + UUID.randomUUID();
        em.createNativeQuery("""
                INSERT INTO topic_task (task_id, topic_id, unit_code, description, due_date, district_code, street_code)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, taskId).setParameter(2, topicId).setParameter(3, t.unitCode())
                .setParameter(4, t.description()).setParameter(5, due).setParameter(6, t.districtCode())
                .setParameter(7, t.streetCode()).executeUpdate();
        return Response.status(201).entity(row("taskId", taskId, "topicId", topicId)).build();
    }
    @Transactional
    public Response addPolicy(String topicId, Policy p) {
        topic(topicId);
        if (p == null || blank(p.title())) {
            throw ProblemException.badRequest("title is required");
        }
        em.createNativeQuery("INSERT INTO topic_policy (topic_id, title, note) VALUES (?1, ?2, ?3)")
                .setParameter(1, topicId).setParameter(2, p.title()).setParameter(3, p.note()).executeUpdate();
        return Response.status(201).entity(topic(topicId)).build();
    }

    /**
     * Sends a task as a proactive work order (未诉先办): {@code jiesu.insight.proactive-work-order-requested.v1} with a
     * new case id {@code P<yyyyMMdd><7 digits>}; dispatch-service makes it a PROACTIVE work order for the unit.
     * Once per task: a second call answers 409 with the case id.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public Response proactive(String topicId, String taskId) {
        Map<String, Object> topic = topic(topicId);
        List<Object[]> rows = em.createNativeQuery("""
                SELECT unit_code, description, due_date, district_code, street_code, case_id FROM topic_task
                WHERE task_id = ?1 AND topic_id = ?2 FOR UPDATE""")
                .setParameter(1, taskId).setParameter(2, topicId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("topic " + topicId + " has no task " + taskId);
        }
        Object[] r = rows.get(0);
        if (r[5] != null) {
            throw ProblemException.conflict("task " + taskId + " was already sent as proactive case " + r[5])
                    .with("caseId", r[5]);
        }
        Instant now = Instant.now();
        long seq = num(em.createNativeQuery("SELECT nextval('proactive_case_seq')").getSingleResult());
        String caseId = "P" + now.atZone(CaseEventConsumer.BEIJING).toLocalDate().toString().replace("-", "")
                + String.format("%07d", seq);
        String requestId = "PWO-" + taskId;
        em.createNativeQuery("UPDATE topic_task SET request_id = ?2, case_id = ?3, requested_at = ?4 WHERE task_id = ?1")
                .setParameter(1, taskId).setParameter(2, requestId).setParameter(3, caseId).setParameter(4, now)
                .executeUpdate();
        LocalDate due = AnalyticsQueries.toDate(r[2]);
        Location location = new Location((String) r[3], (String) r[4], null, null, null, null);
        outbox.publish(EventCatalog.PROACTIVE_WORK_ORDER_REQUESTED, caseId, now, new ProactiveWorkOrderRequested(
                requestId, caseId, topicId, (String) r[0], (String) topic.get("categoryCode"), location,
                topic.get("title") + "：" + r[1], due, now));
        return Response.status(201).entity(row("requestId", requestId, "caseId", caseId, "taskId", taskId,
                "unitCode", r[0], "dueDate", due.toString())).build();
    }

    /** Case volume of the topic's category (and district) month by month, from the adoption month on. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Map<String, Object> tracking(String topicId) {
        Map<String, Object> topic = topic(topicId);
        YearMonth start = YearMonth.parse((String) topic.get("period"));
        List<Object[]> rows = em.createNativeQuery("""
                SELECT to_char(day, 'YYYY-MM'), count(*) FROM case_fact WHERE category_code = ?1 AND day >= ?2
                  AND (CAST(?3 AS varchar) IS NULL OR district_code = ?3) GROUP BY 1 ORDER BY 1""")
                .setParameter(1, topic.get("categoryCode")).setParameter(2, start.minusMonths(1).atDay(1))
                .setParameter(3, topic.get("districtCode")).getResultList();
        List<Map<String, Object>> months = rows.stream().map(x -> row("month", x[0], "cases", num(x[1]))).toList();
        return row("topicId", topicId, "categoryCode", topic.get("categoryCode"), "months", months);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> topic(String topicId) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT topic_id, period, category_code, district_code, title, plan, adopted_at, adopted_by,
                       problem_entry_id
                FROM monthly_topic WHERE topic_id = ?1""").setParameter(1, topicId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("no monthly topic " + topicId + "; GET /api/v1/monthly-topics lists them");
        }
        Object[] t = rows.get(0);
        Map<String, Object> out = new LinkedHashMap<>(row("topicId", t[0], "period", t[1], "categoryCode", t[2],
                "districtCode", t[3], "title", t[4], "plan", t[5], "adoptedAt", AnalyticsQueries.str(t[6]),
                "adoptedBy", t[7], "problemEntryId", t[8]));
        List<Object[]> problems = em.createNativeQuery("""
                SELECT case_id, district_code, street_code, day FROM topic_problem WHERE topic_id = ?1
                ORDER BY day, case_id""").setParameter(1, topicId).getResultList();
        out.put("problems", problems.stream().map(p -> row("caseId", p[0], "districtCode", p[1], "streetCode", p[2],
                "day", p[3] == null ? null : AnalyticsQueries.toDate(p[3]).toString())).toList());
        List<Object[]> tasks = em.createNativeQuery("""
                SELECT task_id, unit_code, description, due_date, district_code, street_code, request_id, case_id
                FROM topic_task WHERE topic_id = ?1 ORDER BY due_date, task_id""").setParameter(1, topicId)
                .getResultList();
        out.put("tasks", tasks.stream().map(x -> row("taskId", x[0], "unitCode", x[1], "description", x[2],
                "dueDate", AnalyticsQueries.toDate(x[3]).toString(), "districtCode", x[4], "streetCode", x[5],
                "requestId", x[6], "proactiveCaseId", x[7])).toList());
        List<Object[]> policies = em.createNativeQuery(
                "SELECT title, note FROM topic_policy WHERE topic_id = ?1 ORDER BY policy_id")
                .setParameter(1, topicId).getResultList();
        out.put("policies", policies.stream().map(x -> row("title", x[0], "note", x[1])).toList());
        return out;
    }

    private static YearMonth month(String period) {
        if (period == null) {
            throw ProblemException.badRequest("period is required: YYYY-MM, e.g. 2026-11");
        }
        try {
            if (!period.matches("\\d{4}-\\d{2}")) { // YearMonth also reads +300000-01 and -0001-01
                throw new DateTimeParseException("not YYYY-MM", period, 0);
            }
            return YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("period must be YYYY-MM, e.g. 2026-11; got " + period);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
