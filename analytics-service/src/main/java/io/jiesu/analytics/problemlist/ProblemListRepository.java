package io.jiesu.analytics.problemlist;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jiesu.contract.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the year's problem list. Reads of {@code case_fact} are one grouped statement over a bounded date range
 * (the 12-month window, or one year), so their cost follows that range, not the history.
 */
@ApplicationScoped
public class ProblemListRepository {
    private final EntityManager em;

    public ProblemListRepository(EntityManager em) {
        this.em = em;
    }

    /** A stored entry; jsonb columns as JSON text. */
    public record Entry(String entryId, int year, String categoryCode, String districtCode, String title,
            ProblemStatus status, int rank, String windowFrom, String windowTo, int appeals, int monthsWithAppeals,
            int repeatCases, int visits, int dissatisfied, Instant proposedAt, String leadUnitCode, String coUnitCodes,
            String workPlan, Double targetReductionPct, String problems, String policies, Instant adoptedAt,
            String adoptedBy, Instant closedAt, String closedBy, String closeReason) {
    }

    public record Task(String entryId, int taskNo, String description, String unitCode, String dueMonth,
            String doneMonth) {
    }

    public record Progress(String entryId, String month, String note, List<Integer> tasksDone, String reportedBy,
            Instant reportedAt) {
    }

    /** One category × district × month of a year. */
    public record MonthRow(String categoryCode, String districtCode, String month, int appeals, int repeatCases,
            int visits, int dissatisfied) {
    }

    public record LinkedTopic(String entryId, String topicId, String period) {
    }

    private static final String FIGURES = """
            SELECT category_code, %s, count(*), count(DISTINCT date_trunc('month', day)),
                   count(*) FILTER (WHERE repeat_links > 0),
                   count(*) FILTER (WHERE satisfaction IS NOT NULL AND reached AND NOT excluded),
                   count(*) FILTER (WHERE satisfaction = 'DISSATISFIED' AND reached AND NOT excluded)
            FROM case_fact WHERE day BETWEEN ?1 AND ?2 AND category_code IS NOT NULL %s
            GROUP BY 1, 2""";

    /** Appeals, months with appeals, repeat and visit figures per category (× district) over the window. */
    @SuppressWarnings("unchecked")
    public List<ProposalRanking.Figures> candidateFigures(ProposalRanking.Window w, ProposalRanking.Area area) {
        String sql = area == ProposalRanking.Area.DISTRICT
                ? FIGURES.formatted("district_code", "AND district_code IS NOT NULL")
                : FIGURES.formatted("CAST(NULL AS varchar)", "");
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, w.from().atDay(1))
                .setParameter(2, w.to().atEndOfMonth()).getResultList();
        return rows.stream().map(r -> new ProposalRanking.Figures((String) r[0], (String) r[1], i(r[2]), i(r[3]),
                i(r[4]), i(r[5]), i(r[6]))).toList();
    }

    /** Serialises proposals of one year (two leaders pressing at once must not both insert or delete). */
    public void lockYear(int year) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('problem-list'), ?1)").setParameter(1, year)
                .getSingleResult();
    }

    /** Inserts a new PROPOSED entry; false when the entry exists (whatever its status). */
    public boolean insertProposed(String entryId, int year, String title, ProposalRanking.Ranked r,
            ProposalRanking.Window w, Instant now) {
        ProposalRanking.Figures f = r.figures();
        return em.createNativeQuery("""
                INSERT INTO problem_entry (entry_id, year, category_code, district_code, title, status, rank,
                    window_from, window_to, appeals, months_with_appeals, repeat_cases, visits, dissatisfied, proposed_at)
                VALUES (?1, ?2, ?3, CAST(?4 AS varchar), ?5, 'PROPOSED', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                ON CONFLICT (entry_id) DO NOTHING""")
                .setParameter(1, entryId).setParameter(2, year).setParameter(3, f.categoryCode())
                .setParameter(4, f.districtCode()).setParameter(5, title).setParameter(6, r.rank())
                .setParameter(7, w.from().toString()).setParameter(8, w.to().toString())
                .setParameter(9, f.appeals()).setParameter(10, f.monthsWithAppeals())
                .setParameter(11, f.repeatCases()).setParameter(12, f.visits()).setParameter(13, f.dissatisfied())
                .setParameter(14, now).executeUpdate() == 1;
    }

    /** Refreshes the evidence of an entry that is still PROPOSED; adopted, dropped and completed ones stay. */
    public void refreshProposed(String entryId, ProposalRanking.Ranked r, ProposalRanking.Window w) {
        ProposalRanking.Figures f = r.figures();
        em.createNativeQuery("""
                UPDATE problem_entry SET rank = ?2, window_from = ?3, window_to = ?4, appeals = ?5,
                    months_with_appeals = ?6, repeat_cases = ?7, visits = ?8, dissatisfied = ?9
                WHERE entry_id = ?1 AND status = 'PROPOSED'""")
                .setParameter(1, entryId).setParameter(2, r.rank()).setParameter(3, w.from().toString())
                .setParameter(4, w.to().toString()).setParameter(5, f.appeals()).setParameter(6, f.monthsWithAppeals())
                .setParameter(7, f.repeatCases()).setParameter(8, f.visits()).setParameter(9, f.dissatisfied())
                .executeUpdate();
    }

    /** Removes the year's PROPOSED entries that the new proposal no longer ranks (nobody adopted them). */
    public int deleteStaleProposed(int year, Collection<String> keep) {
        return em.createNativeQuery("""
                DELETE FROM problem_entry WHERE year = ?1 AND status = 'PROPOSED'
                  AND NOT (entry_id = ANY (string_to_array(?2, ',')))""")
                .setParameter(1, year).setParameter(2, String.join(",", keep)).executeUpdate();
    }

    private static final String ENTRY_COLUMNS = """
            SELECT entry_id, year, category_code, district_code, title, status, rank, window_from, window_to, appeals,
                   months_with_appeals, repeat_cases, visits, dissatisfied, proposed_at, lead_unit_code,
                   CAST(co_unit_codes AS text), work_plan, target_reduction_pct, CAST(problems AS text),
                   CAST(policies AS text), adopted_at, adopted_by, closed_at, closed_by, close_reason
            FROM problem_entry""";

    @SuppressWarnings("unchecked")
    public Optional<Entry> entry(String entryId, boolean forUpdate) {
        List<Object[]> rows = em.createNativeQuery(ENTRY_COLUMNS + " WHERE entry_id = ?1"
                + (forUpdate ? " FOR UPDATE" : "")).setParameter(1, entryId).getResultList();
        return rows.stream().findFirst().map(ProblemListRepository::entry);
    }

    /** The year's entries, best rank first; {@code status} null for all. */
    @SuppressWarnings("unchecked")
    public List<Entry> entries(int year, ProblemStatus status) {
        List<Object[]> rows = em.createNativeQuery(ENTRY_COLUMNS
                + " WHERE year = ?1 AND (CAST(?2 AS varchar) IS NULL OR status = ?2) ORDER BY rank, entry_id")
                .setParameter(1, year).setParameter(2, status == null ? null : status.name()).getResultList();
        return rows.stream().map(ProblemListRepository::entry).toList();
    }

    public void adopt(String entryId, String leadUnitCode, List<String> coUnitCodes, String workPlan,
            Double targetReductionPct, Object problems, Object policies, String adoptedBy, Instant now) {
        em.createNativeQuery("""
                UPDATE problem_entry SET status = 'ADOPTED', lead_unit_code = ?2, co_unit_codes = CAST(?3 AS jsonb),
                    work_plan = ?4, target_reduction_pct = CAST(CAST(?5 AS text) AS double precision), problems = CAST(?6 AS jsonb),
                    policies = CAST(?7 AS jsonb), adopted_at = ?8, adopted_by = ?9
                WHERE entry_id = ?1""")
                .setParameter(1, entryId).setParameter(2, leadUnitCode).setParameter(3, json(coUnitCodes))
                .setParameter(4, workPlan).setParameter(5, targetReductionPct).setParameter(6, json(problems))
                .setParameter(7, json(policies)).setParameter(8, now).setParameter(9, adoptedBy).executeUpdate();
    }

    public void insertTask(String entryId, int taskNo, String description, String unitCode, String dueMonth) {
        em.createNativeQuery("""
                INSERT INTO problem_task (entry_id, task_no, description, unit_code, due_month)
                VALUES (?1, ?2, ?3, ?4, ?5)""").setParameter(1, entryId).setParameter(2, taskNo)
                .setParameter(3, description).setParameter(4, unitCode).setParameter(5, dueMonth).executeUpdate();
    }

    public void close(String entryId, ProblemStatus status, String by, String reason, Instant now) {
        em.createNativeQuery("""
                UPDATE problem_entry SET status = ?2, closed_at = ?3, closed_by = ?4, close_reason = ?5
                WHERE entry_id = ?1""").setParameter(1, entryId).setParameter(2, status.name())
                .setParameter(3, now).setParameter(4, by).setParameter(5, reason).executeUpdate();
    }

    /** Stores the month's report (a later one for the same month replaces it) and marks its tasks done that month. */
    public void report(String entryId, String month, String note, List<Integer> tasksDone, String by, Instant now) {
        em.createNativeQuery("""
                INSERT INTO problem_progress (entry_id, month, note, tasks_done, reported_by, reported_at)
                VALUES (?1, ?2, ?3, CAST(?4 AS jsonb), ?5, ?6)
                ON CONFLICT (entry_id, month) DO UPDATE SET note = EXCLUDED.note, tasks_done = EXCLUDED.tasks_done,
                    reported_by = EXCLUDED.reported_by, reported_at = EXCLUDED.reported_at""")
                .setParameter(1, entryId).setParameter(2, month).setParameter(3, note).setParameter(4, json(tasksDone))
                .setParameter(5, by).setParameter(6, now).executeUpdate();
        if (!tasksDone.isEmpty()) {
            em.createNativeQuery("""
                    UPDATE problem_task SET done_month = ?2 WHERE entry_id = ?1 AND done_month IS NULL
                      AND task_no = ANY (CAST(string_to_array(?3, ',') AS integer[]))""")
                    .setParameter(1, entryId).setParameter(2, month)
                    .setParameter(3, String.join(",", tasksDone.stream().map(String::valueOf).toList()))
                    .executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    public List<Task> tasks(Collection<String> entryIds) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT entry_id, task_no, description, unit_code, due_month, done_month FROM problem_task
                WHERE entry_id = ANY (string_to_array(?1, ',')) ORDER BY entry_id, task_no""")
                .setParameter(1, String.join(",", entryIds)).getResultList();
        return rows.stream().map(r -> new Task((String) r[0], i(r[1]), (String) r[2], (String) r[3], (String) r[4],
                (String) r[5])).toList();
    }

    @SuppressWarnings("unchecked")
    public List<Progress> progress(Collection<String> entryIds) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT entry_id, month, note, CAST(tasks_done AS text), reported_by, reported_at FROM problem_progress
                WHERE entry_id = ANY (string_to_array(?1, ',')) ORDER BY entry_id, month""")
                .setParameter(1, String.join(",", entryIds)).getResultList();
        return rows.stream().map(r -> new Progress((String) r[0], (String) r[1], (String) r[2],
                parse((String) r[3], new TypeReference<List<Integer>>() { }), (String) r[4], instant(r[5]))).toList();
    }

    @SuppressWarnings("unchecked")
    public List<LinkedTopic> linkedTopics(Collection<String> entryIds) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT problem_entry_id, topic_id, period FROM monthly_topic
                WHERE problem_entry_id = ANY (string_to_array(?1, ',')) ORDER BY period, topic_id""")
                .setParameter(1, String.join(",", entryIds)).getResultList();
        return rows.stream().map(r -> new LinkedTopic((String) r[0], (String) r[1], (String) r[2])).toList();
    }

    /** Appeals, repeat and visit figures per category × district × month of the given categories over one range. */
    @SuppressWarnings("unchecked")
    public List<MonthRow> monthFigures(LocalDate from, LocalDate to, Collection<String> categories) {
        if (categories.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT category_code, district_code, to_char(day, 'YYYY-MM'), count(*),
                       count(*) FILTER (WHERE repeat_links > 0),
                       count(*) FILTER (WHERE satisfaction IS NOT NULL AND reached AND NOT excluded),
                       count(*) FILTER (WHERE satisfaction = 'DISSATISFIED' AND reached AND NOT excluded)
                FROM case_fact WHERE category_code = ANY (string_to_array(?3, ',')) AND day BETWEEN ?1 AND ?2
                GROUP BY 1, 2, 3""").setParameter(1, from).setParameter(2, to)
                .setParameter(3, String.join(",", categories)).getResultList();
        return rows.stream().map(r -> new MonthRow((String) r[0], (String) r[1], (String) r[2], i(r[3]), i(r[4]),
                i(r[5]), i(r[6]))).toList();
    }

    private static Entry entry(Object[] r) {
        return new Entry((String) r[0], i(r[1]), (String) r[2], (String) r[3], (String) r[4],
                ProblemStatus.valueOf((String) r[5]), i(r[6]), (String) r[7], (String) r[8], i(r[9]), i(r[10]),
                i(r[11]), i(r[12]), i(r[13]), instant(r[14]), (String) r[15], (String) r[16], (String) r[17],
                r[18] == null ? null : ((Number) r[18]).doubleValue(), (String) r[19], (String) r[20],
                instant(r[21]), (String) r[22], instant(r[23]), (String) r[24], (String) r[25]);
    }

    static int i(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant t) {
            return t;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return Instant.parse(o.toString());
    }

    static String json(Object o) {
        try {
            return o == null ? null : Json.mapper().writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static <T> T parse(String text, TypeReference<T> type) {
        try {
            return text == null ? null : Json.mapper().readValue(text, type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read JSON column", e);
        }
    }

    /** The month string check used by the service: {@code YYYY-MM} only. */
    static Optional<YearMonth> month(String text) {
        if (text == null || !text.matches("\\d{4}-\\d{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
