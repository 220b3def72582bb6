package io.jiesu.analytics.problemlist;

import io.jiesu.analytics.ingest.CaseEventConsumer;
import io.jiesu.contract.EventCatalog;
import io.jiesu.contract.event.ProblemAdopted;
import io.jiesu.contract.event.ProblemListTask;
import io.jiesu.contract.event.ProblemProposed;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.contract.reference.UnitKind;
import io.jiesu.platform.outbox.Outbox;
import io.jiesu.platform.security.CallerIdentity;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The year's problem list (年度问题清单): proposal from the read model ({@link ProposalRanking}), adoption by leaders
 * with a lead department (主责部门), a work plan and three lists (一方案三清单), monthly progress by the lead department
 * and monthly figures ({@link TrackingFigures}). Monthly topics (每月一题) adopted under an entry show in its months.
 */
@ApplicationScoped
public class ProblemList {
    private final ProblemListRepository repo;
    private final ProblemListRules rules;
    private final Outbox outbox;
    private final CallerIdentity caller;

    public ProblemList(ProblemListRepository repo, ProblemListRules rules, Outbox outbox,
            CallerIdentity caller) {
        this.repo = repo;
        this.rules = rules;
        this.outbox = outbox;
        this.caller = caller;
    }

    public record ProblemItem(String description, String districtCode, String streetCode) {
    }

    public record TaskItem(String description, String unitCode, String dueMonth) {
    }

    public record PolicyItem(String title, String note) {
    }

    public record Adoption(String leadUnitCode, List<String> coUnitCodes, String workPlan, Double targetReductionPct,
            List<ProblemItem> problems, List<TaskItem> tasks, List<PolicyItem> policies) {
    }

    public record Closing(String reason) {
    }

    public record ProgressReport(String month, String note, List<Integer> tasksDone) {
    }

    /**
     * Ranks the year's concentrated problems and stores them as PROPOSED entries: new ones are inserted and published
     * ({@code jiesu.insight.problem-proposed.v1}, once per entry), PROPOSED ones refreshed, PROPOSED ones no longer
     * ranked removed; ADOPTED, DROPPED and COMPLETED entries are never touched.
     */
    @Transactional
    public Map<String, Object> propose(String yearText, String areaText) {
        int year = year(yearText);
        ProblemListRule rule = rules.current();
        ProposalRanking.Area area = area(areaText, rule);
        ProposalRanking.Window window = ProposalRanking.window(year, YearMonth.now(CaseEventConsumer.BEIJING));
        ProposalRanking.Thresholds thresholds = rule.thresholds();
        repo.lockYear(year);
        List<ProposalRanking.Ranked> ranked = ProposalRanking.rank(repo.candidateFigures(window, area), thresholds);
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        List<String> published = new ArrayList<>();
        for (ProposalRanking.Ranked r : ranked) {
            ProposalRanking.Figures f = r.figures();
            String id = ProposalRanking.entryId(year, f.categoryCode(), f.districtCode());
            ids.add(id);
            String title = title(f.categoryCode(), f.districtCode());
            if (repo.insertProposed(id, year, title, r, window, now)) {
                outbox.publish(EventCatalog.PROBLEM_PROPOSED, id, now, new ProblemProposed(id, year,
                        f.categoryCode(), f.districtCode(), title, r.rank(), window.from().toString(),
                        window.to().toString(), f.appeals(), f.repeatCases(), f.repeatRate(), f.visits(),
                        f.dissatisfactionRate(), now));
                published.add(id);
            } else {
                repo.refreshProposed(id, r, window);
            }
        }
        int removed = repo.deleteStaleProposed(year, ids);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("year", year);
        out.put("area", area);
        out.put("windowFrom", window.from().toString());
        out.put("windowTo", window.to().toString());
        out.put("thresholds", thresholds);
        out.put("ranked", ids);
        out.put("newlyProposed", published);
        out.put("removedProposals", removed);
        out.put("entries", views(repo.entries(year, null)));
        return out;
    }

    /** Leaders adopt a PROPOSED entry: the lead must be a DEPARTMENT (422 otherwise); publishes problem-adopted. */
    @Transactional
    public Map<String, Object> adopt(String entryId, Adoption a) {
        if (a == null || blank(a.leadUnitCode()) || blank(a.workPlan())) {
            throw ProblemException.badRequest("leadUnitCode (a DEPARTMENT's unit code) and workPlan are required; "
                    + "optional: coUnitCodes, targetReductionPct (0-100), problems, tasks, policies");
        }
        Unit lead = ReferenceData.get().unit(a.leadUnitCode()).orElseThrow(() -> ProblemException.unprocessable(
                "unknown leadUnitCode " + a.leadUnitCode()));
        if (lead.kind() != UnitKind.DEPARTMENT) {
            throw ProblemException.unprocessable("the lead (主责部门) must be a DEPARTMENT; " + a.leadUnitCode()
                    + " is a " + lead.kind());
        }
        List<String> coUnits = a.coUnitCodes() == null ? List.of() : a.coUnitCodes().stream().distinct().toList();
        for (String code : coUnits) {
            if (code == null || ReferenceData.get().unit(code).isEmpty()) {
                throw ProblemException.unprocessable("unknown co-unit " + code);
            }
        }
        if (a.targetReductionPct() != null && (a.targetReductionPct() < 0 || a.targetReductionPct() > 100
                || a.targetReductionPct().isNaN())) {
            throw ProblemException.badRequest("targetReductionPct is a percentage from 0 to 100");
        }
        List<ProblemItem> problems = a.problems() == null ? List.of() : a.problems();
        for (ProblemItem p : problems) {
            if (p == null || blank(p.description())) {
                throw ProblemException.badRequest("every problem needs a description");
            }
            if (p.districtCode() != null && ReferenceData.get().district(p.districtCode()).isEmpty()) {
                throw ProblemException.unprocessable("unknown districtCode " + p.districtCode() + " in problems");
            }
            if (p.streetCode() != null && ReferenceData.get().unit(p.streetCode()).isEmpty()) {
                throw ProblemException.unprocessable("unknown streetCode " + p.streetCode() + " in problems");
            }
        }
        List<PolicyItem> policies = a.policies() == null ? List.of() : a.policies();
        if (policies.stream().anyMatch(p -> p == null || blank(p.title()))) {
            throw ProblemException.badRequest("every policy needs a title");
        }
        List<TaskItem> tasks = a.tasks() == null ? List.of() : a.tasks();
        for (TaskItem t : tasks) {
            if (t == null || blank(t.description()) || blank(t.unitCode()) || blank(t.dueMonth())) {
                throw ProblemException.badRequest("every task needs description, unitCode and dueMonth (YYYY-MM)");
            }
            if (ProblemListRepository.month(t.dueMonth()).isEmpty()) {
                throw ProblemException.badRequest("dueMonth must be YYYY-MM; got " + t.dueMonth());
            }
            if (ReferenceData.get().unit(t.unitCode()).isEmpty()) {
                throw ProblemException.unprocessable("unknown unitCode " + t.unitCode() + " in tasks");
            }
        }
        ProblemListRepository.Entry e = move(entryId, ProblemStatus.ADOPTED);
        Instant now = Instant.now();
        repo.adopt(entryId, lead.code(), coUnits, a.workPlan(), a.targetReductionPct(), problems, policies,
                caller.subject(), now);
        List<ProblemListTask> listed = new ArrayList<>();
        for (int n = 0; n < tasks.size(); n++) {
            TaskItem t = tasks.get(n);
            repo.insertTask(entryId, n + 1, t.description(), t.unitCode(), t.dueMonth());
            listed.add(new ProblemListTask(n + 1, t.description(), t.unitCode(), t.dueMonth()));
        }
        outbox.publish(EventCatalog.PROBLEM_ADOPTED, entryId, now, new ProblemAdopted(entryId, e.year(),
                e.categoryCode(), e.districtCode(), e.title(), lead.code(), coUnits, a.workPlan(),
                a.targetReductionPct(), listed, caller.subject(), now));
        return get(entryId);
    }

    /** Drops a PROPOSED or ADOPTED entry with a reason (a new proposal will not bring it back). */
    @Transactional
    public Map<String, Object> drop(String entryId, Closing c) {
        if (c == null || blank(c.reason())) {
            throw ProblemException.badRequest("reason is required");
        }
        move(entryId, ProblemStatus.DROPPED);
        repo.close(entryId, ProblemStatus.DROPPED, caller.subject(), c.reason(), Instant.now());
        return get(entryId);
    }

    @Transactional
    public Map<String, Object> complete(String entryId, Closing c) {
        move(entryId, ProblemStatus.COMPLETED);
        repo.close(entryId, ProblemStatus.COMPLETED, caller.subject(), c == null ? null : c.reason(), Instant.now());
        return get(entryId);
    }

    /** The lead department's (or a leader's) report for a month of the entry's year; marks the tasks done. */
    @Transactional
    public Map<String, Object> progress(String entryId, ProgressReport p) {
        if (p == null || blank(p.note()) || blank(p.month())) {
            throw ProblemException.badRequest("month (YYYY-MM) and note are required; tasksDone lists task numbers");
        }
        YearMonth month = ProblemListRepository.month(p.month()).orElseThrow(() -> ProblemException.badRequest(
                "month must be YYYY-MM; got " + p.month()));
        ProblemListRepository.Entry e = repo.entry(entryId, true).orElseThrow(() -> notFound(entryId));
        if (!caller.hasRole(Roles.LEADER) && !caller.hasRole(Roles.ADMIN)
                && !caller.requireOwnUnit().equals(e.leadUnitCode())) {
            throw ProblemException.forbidden("only the lead department " + e.leadUnitCode()
                    + " (or a leader) reports progress on " + entryId);
        }
        if (e.status() != ProblemStatus.ADOPTED) {
            throw ProblemException.conflict(entryId + " is " + e.status() + "; progress is reported on ADOPTED entries")
                    .with("status", e.status().name());
        }
        if (month.getYear() != e.year()) {
            throw ProblemException.unprocessable("month " + month + " is not in the entry's year " + e.year());
        }
        List<Integer> done = p.tasksDone() == null ? List.of()
                : p.tasksDone().stream().filter(Objects::nonNull).distinct().sorted().toList();
        Set<Integer> known = repo.tasks(List.of(entryId)).stream().map(ProblemListRepository.Task::taskNo)
                .collect(Collectors.toSet());
        for (Integer n : done) {
            if (!known.contains(n)) {
                throw ProblemException.unprocessable(entryId + " has no task " + n + "; its tasks are " + known);
            }
        }
        repo.report(entryId, month.toString(), p.note(), done, caller.subject(), Instant.now());
        return get(entryId);
    }

    @Transactional
    public List<Map<String, Object>> list(String yearText, String statusText) {
        ProblemStatus status = null;
        if (statusText != null) {
            try {
                status = ProblemStatus.valueOf(statusText);
            } catch (IllegalArgumentException ex) {
                throw ProblemException.badRequest("status is one of PROPOSED, ADOPTED, DROPPED, COMPLETED");
            }
        }
        return views(repo.entries(year(yearText), status));
    }

    /** One entry with its plan, lists and monthly tracking table; a unit token reaches only the entries it leads or co-handles. */
    @Transactional
    public Map<String, Object> get(String entryId) {
        boolean unitScoped = caller.isUnitScoped() && !caller.hasRole(Roles.LEADER) && !caller.hasRole(Roles.ANALYST);
        // a unit token must name its unit before anything is looked up: a refusal says nothing about the entry
        String own = unitScoped ? caller.requireOwnUnit() : null;
        ProblemListRepository.Entry e = repo.entry(entryId, false).orElseThrow(() -> notFound(entryId));
        if (unitScoped) {
            if (!own.equals(e.leadUnitCode()) && !coUnits(e).contains(own)) {
                throw ProblemException.forbidden("this token is for unit " + own + ", not a unit of " + entryId);
            }
        }
        return views(List.of(e)).get(0);
    }

    /** Views of entries with one query each for tasks, progress, linked topics and the year's monthly figures. */
    private List<Map<String, Object>> views(List<ProblemListRepository.Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<String> ids = entries.stream().map(ProblemListRepository.Entry::entryId).toList();
        Map<String, List<ProblemListRepository.Task>> tasks = repo.tasks(ids).stream()
                .collect(Collectors.groupingBy(ProblemListRepository.Task::entryId));
        Map<String, List<ProblemListRepository.Progress>> progress = repo.progress(ids).stream()
                .collect(Collectors.groupingBy(ProblemListRepository.Progress::entryId));
        Map<String, List<ProblemListRepository.LinkedTopic>> topics = repo.linkedTopics(ids).stream()
                .collect(Collectors.groupingBy(ProblemListRepository.LinkedTopic::entryId));
        YearMonth current = YearMonth.now(CaseEventConsumer.BEIJING);
        List<ProblemListRepository.MonthRow> figures = new ArrayList<>();
        // entries of one list share the year; a unit's single entry too — one grouped read per distinct year
        for (int year : entries.stream().map(ProblemListRepository.Entry::year).collect(Collectors.toCollection(
                LinkedHashSet::new))) {
            Set<String> categories = entries.stream().filter(x -> x.year() == year)
                    .map(ProblemListRepository.Entry::categoryCode).collect(Collectors.toSet());
            figures.addAll(repo.monthFigures(YearMonth.of(year, 1).atDay(1), YearMonth.of(year, 12).atEndOfMonth(),
                    categories));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (ProblemListRepository.Entry e : entries) {
            out.add(view(e, tasks.getOrDefault(e.entryId(), List.of()), progress.getOrDefault(e.entryId(), List.of()),
                    topics.getOrDefault(e.entryId(), List.of()), figures, current));
        }
        return out;
    }

    private Map<String, Object> view(ProblemListRepository.Entry e, List<ProblemListRepository.Task> tasks,
            List<ProblemListRepository.Progress> progress, List<ProblemListRepository.LinkedTopic> topics,
            List<ProblemListRepository.MonthRow> figures, YearMonth current) {
        ReferenceData ref = ReferenceData.get();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("entryId", e.entryId());
        v.put("year", e.year());
        v.put("categoryCode", e.categoryCode());
        v.put("categoryName", ref.category(e.categoryCode()).map(c -> c.name()).orElse(e.categoryCode()));
        v.put("districtCode", e.districtCode());
        v.put("districtName", e.districtCode() == null ? "全市"
                : ref.district(e.districtCode()).map(d -> d.name()).orElse(e.districtCode()));
        v.put("title", e.title());
        v.put("status", e.status());
        int windowMonths = new ProposalRanking.Window(YearMonth.parse(e.windowFrom()), YearMonth.parse(e.windowTo()))
                .months();
        ProposalRanking.Figures f = new ProposalRanking.Figures(e.categoryCode(), e.districtCode(), e.appeals(),
                e.monthsWithAppeals(), e.repeatCases(), e.visits(), e.dissatisfied());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rank", e.rank());
        evidence.put("windowFrom", e.windowFrom());
        evidence.put("windowTo", e.windowTo());
        evidence.put("appeals", e.appeals());
        evidence.put("monthsWithAppeals", e.monthsWithAppeals());
        evidence.put("repeatCases", e.repeatCases());
        evidence.put("repeatRate", f.repeatRate());
        evidence.put("visits", e.visits());
        evidence.put("dissatisfied", e.dissatisfied());
        evidence.put("dissatisfactionRate", f.dissatisfactionRate());
        evidence.put("baselineMonthAverage", TrackingFigures.baselineMonthAverage(e.appeals(), windowMonths));
        v.put("evidence", evidence);
        v.put("proposedAt", str(e.proposedAt()));
        // 一方案: the lead department's work plan and target
        v.put("leadUnitCode", e.leadUnitCode());
        v.put("leadUnitName", e.leadUnitCode() == null ? null : unitName(e.leadUnitCode()));
        v.put("coUnitCodes", coUnits(e));
        v.put("workPlan", e.workPlan());
        v.put("targetReductionPct", e.targetReductionPct());
        v.put("adoptedAt", str(e.adoptedAt()));
        v.put("adoptedBy", e.adoptedBy());
        // 三清单: problems, tasks, policies; and who answers for what (derived: lead, co-units, task units)
        v.put("problems", e.problems() == null ? List.of()
                : ProblemListRepository.parse(e.problems(), new TypeReference<List<ProblemItem>>() { }));
        v.put("tasks", tasks.stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("taskNo", t.taskNo());
            m.put("description", t.description());
            m.put("unitCode", t.unitCode());
            m.put("unitName", unitName(t.unitCode()));
            m.put("dueMonth", t.dueMonth());
            m.put("doneMonth", t.doneMonth());
            m.put("overdue", t.doneMonth() == null && YearMonth.parse(t.dueMonth()).isBefore(current));
            return m;
        }).toList());
        v.put("policies", e.policies() == null ? List.of()
                : ProblemListRepository.parse(e.policies(), new TypeReference<List<PolicyItem>>() { }));
        v.put("responsibilities", responsibilities(e, tasks));
        v.put("closedAt", str(e.closedAt()));
        v.put("closedBy", e.closedBy());
        v.put("closeReason", e.closeReason());
        v.put("months", months(e, windowMonths, progress, topics, figures, current));
        return v;
    }

    /** The per-month tracking table: measured figures (case_fact), the lead's report and the month's topics. */
    private List<Map<String, Object>> months(ProblemListRepository.Entry e, int windowMonths,
            List<ProblemListRepository.Progress> progress, List<ProblemListRepository.LinkedTopic> topics,
            List<ProblemListRepository.MonthRow> figures, YearMonth current) {
        Map<String, int[]> byMonth = new LinkedHashMap<>();
        for (ProblemListRepository.MonthRow r : figures) {
            if (r.categoryCode().equals(e.categoryCode())
                    && (e.districtCode() == null || e.districtCode().equals(r.districtCode()))) {
                int[] sum = byMonth.computeIfAbsent(r.month(), k -> new int[4]);
                sum[0] += r.appeals();
                sum[1] += r.repeatCases();
                sum[2] += r.visits();
                sum[3] += r.dissatisfied();
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (YearMonth m : TrackingFigures.monthsSoFar(e.year(), current)) {
            int[] s = byMonth.getOrDefault(m.toString(), new int[4]);
            TrackingFigures.Month fig = TrackingFigures.of(m, s[0], s[1], s[2], s[3], e.appeals(), windowMonths,
                    e.targetReductionPct());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("month", fig.month());
            row.put("appeals", fig.appeals());
            row.put("changeVsBaseline", fig.changeVsBaseline());
            row.put("repeatRate", fig.repeatRate());
            row.put("dissatisfactionRate", fig.dissatisfactionRate());
            row.put("target", fig.target());
            row.put("onTarget", fig.onTarget());
            row.put("progress", progress.stream().filter(p -> p.month().equals(fig.month())).findFirst()
                    .map(p -> {
                        Map<String, Object> pm = new LinkedHashMap<>();
                        pm.put("note", p.note());
                        pm.put("tasksDone", p.tasksDone());
                        pm.put("reportedBy", p.reportedBy());
                        pm.put("reportedAt", str(p.reportedAt()));
                        return pm;
                    }).orElse(null));
            row.put("monthlyTopics", topics.stream().filter(t -> t.period().equals(fig.month()))
                    .map(ProblemListRepository.LinkedTopic::topicId).toList());
            out.add(row);
        }
        return out;
    }

    private static List<Map<String, Object>> responsibilities(ProblemListRepository.Entry e,
            List<ProblemListRepository.Task> tasks) {
        if (e.leadUnitCode() == null) {
            return List.of();
        }
        Map<String, Map<String, Object>> byUnit = new LinkedHashMap<>();
        java.util.function.BiFunction<String, String, Map<String, Object>> add = (code, role) ->
                byUnit.computeIfAbsent(code, k -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("unitCode", code);
                    m.put("unitName", unitName(code));
                    m.put("role", role);
                    m.put("taskNos", new ArrayList<Integer>());
                    return m;
                });
        add.apply(e.leadUnitCode(), "LEAD");
        coUnits(e).forEach(c -> add.apply(c, "CO_UNIT"));
        for (ProblemListRepository.Task t : tasks) {
            @SuppressWarnings("unchecked")
            List<Integer> nos = (List<Integer>) add.apply(t.unitCode(), "TASK_UNIT").get("taskNos");
            nos.add(t.taskNo());
        }
        return List.copyOf(byUnit.values());
    }

    private ProblemListRepository.Entry move(String entryId, ProblemStatus next) {
        ProblemListRepository.Entry e = repo.entry(entryId, true).orElseThrow(() -> notFound(entryId));
        if (!e.status().canBecome(next)) {
            throw ProblemException.conflict(entryId + " is " + e.status() + " and cannot become " + next)
                    .with("status", e.status().name());
        }
        return e;
    }

    private static List<String> coUnits(ProblemListRepository.Entry e) {
        return e.coUnitCodes() == null ? List.of()
                : ProblemListRepository.parse(e.coUnitCodes(), new TypeReference<List<String>>() { });
    }

    private static String title(String categoryCode, String districtCode) {
        ReferenceData ref = ReferenceData.get();
        String category = ref.category(categoryCode).map(c -> c.name()).orElse(categoryCode);
        String place = districtCode == null ? "" : ref.district(districtCode).map(d -> d.name()).orElse(districtCode);
        return place + category + "问题治理";
    }

    private static String unitName(String code) {
        return ReferenceData.get().unit(code).map(Unit::name).orElse(code);
    }

    private static ProblemException notFound(String entryId) {
        return ProblemException.notFound("no problem-list entry " + entryId
                + "; GET /api/v1/problem-list?year=YYYY lists them");
    }

    static int year(String text) {
        if (text == null || !text.matches("\\d{4}") || Integer.parseInt(text) < 2000 || Integer.parseInt(text) > 2100) {
            throw ProblemException.badRequest("year must be YYYY between 2000 and 2100, e.g. 2026; got " + text);
        }
        return Integer.parseInt(text);
    }

    private static ProposalRanking.Area area(String text, ProblemListRule rule) {
        if (text == null) {
            return rule.area();
        }
        try {
            return ProposalRanking.Area.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("area is city or district; got " + text);
        }
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
