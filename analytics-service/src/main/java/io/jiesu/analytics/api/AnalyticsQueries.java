package io.jiesu.analytics.api;

import io.jiesu.analytics.ingest.CaseEventConsumer;
import io.jiesu.contract.Json;
import io.jiesu.contract.event.ScoresPublished;
import io.jiesu.contract.reference.District;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The read-model queries behind the REST resources and the dashboard. */
@ApplicationScoped
public class AnalyticsQueries {
    /** Grouping keys callers may ask for, mapped to columns (never SQL from the caller). */
    static final Map<String, String> DIMENSIONS = Map.of("type", "appeal_type", "channel", "channel",
            "category", "category_code", "district", "district_code", "street", "street_code", "day", "day");

    @Inject
    EntityManager em;

    public record Period(LocalDate from, LocalDate to) {
        long days() {
            return to.toEpochDay() - from.toEpochDay() + 1;
        }

        Period previous() {
            return new Period(from.minusDays(days()), from.minusDays(1));
        }
    }

    /** from/to as ISO dates (inclusive); defaults: the 30 days ending on the latest day with data. */
    public Period period(String from, String to, int defaultDays) {
        LocalDate end = to == null ? latestDay() : date(to, "to");
        LocalDate start = from == null ? end.minusDays(defaultDays - 1L) : date(from, "from");
        if (start.isAfter(end)) {
            throw ProblemException.badRequest("from (" + start + ") must not be after to (" + end + ")");
        }
        if (end.toEpochDay() - start.toEpochDay() > 3660) {
            throw ProblemException.badRequest("a period may span at most 10 years");
        }
        return new Period(start, end);
    }

    public LocalDate latestDay() {
        Object max = em.createNativeQuery("SELECT max(day) FROM case_fact").getSingleResult();
        return max == null ? LocalDate.now(CaseEventConsumer.BEIJING) : toDate(max);
    }

    static LocalDate date(String value, String name) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be a date YYYY-MM-DD, e.g. 2026-11-01; got " + value);
        }
    }

    static YearMonth month(String value, String name) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be a month YYYY-MM, e.g. 2026-11; got " + value);
        }
    }

    static String column(String by, String... allowed) {
        List<String> ok = Arrays.asList(allowed);
        if (by == null || !ok.contains(by)) {
            throw ProblemException.badRequest("by must be one of " + ok + "; got " + by);
        }
        return DIMENSIONS.get(by);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> daily(Period p, String district, String category, String street) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT day, category_code, district_code, street_code, count(*) FROM case_fact
                WHERE day BETWEEN ?1 AND ?2 AND (CAST(?3 AS varchar) IS NULL OR district_code = ?3)
                  AND (CAST(?4 AS varchar) IS NULL OR category_code = ?4)
                  AND (CAST(?5 AS varchar) IS NULL OR street_code = ?5)
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4""")
                .setParameter(1, p.from()).setParameter(2, p.to()).setParameter(3, district)
                .setParameter(4, category).setParameter(5, street).getResultList();
        return rows.stream().map(r -> row("day", toDate(r[0]).toString(), "categoryCode", r[1], "districtCode", r[2],
                "streetCode", r[3], "count", num(r[4]))).toList();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> breakdown(Period p, String by, String district) {
        String col = column(by, "type", "channel", "category", "district", "street", "day");
        List<Object[]> rows = em.createNativeQuery("SELECT " + col + ", count(*) FROM case_fact "
                + "WHERE day BETWEEN ?1 AND ?2 AND (CAST(?3 AS varchar) IS NULL OR district_code = ?3) "
                + "GROUP BY 1 ORDER BY " + ("day".equals(by) ? "1" : "2 DESC, 1"))
                .setParameter(1, p.from()).setParameter(2, p.to()).setParameter(3, district).getResultList();
        return rows.stream().map(r -> row("key", r[0] == null ? null : String.valueOf(r[0]), "count", num(r[1])))
                .toList();
    }

    /** Average minutes from receipt to dispatch, dispatch to sign-for, receipt to completion. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> timeliness(Period p, String by) {
        String col = column(by, "category", "district", "street", "type");
        List<Object[]> rows = em.createNativeQuery("SELECT " + col + ", count(*), "
                + "avg(extract(epoch FROM dispatched_at - received_at) / 60) FILTER (WHERE dispatched_at IS NOT NULL), "
                + "count(*) FILTER (WHERE dispatched_at IS NOT NULL), "
                + "avg(extract(epoch FROM signed_at - dispatched_at) / 60) FILTER (WHERE signed_at IS NOT NULL AND dispatched_at IS NOT NULL), "
                + "count(*) FILTER (WHERE signed_at IS NOT NULL AND dispatched_at IS NOT NULL), "
                + "avg(extract(epoch FROM completed_at - received_at) / 60) FILTER (WHERE completed_at IS NOT NULL AND NOT answered_directly), "
                + "count(*) FILTER (WHERE completed_at IS NOT NULL AND NOT answered_directly) "
                + "FROM case_fact WHERE day BETWEEN ?1 AND ?2 GROUP BY 1 ORDER BY 1")
                .setParameter(1, p.from()).setParameter(2, p.to()).getResultList();
        return rows.stream().map(r -> row("key", r[0], "cases", num(r[1]),
                "avgMinutesToDispatch", dbl(r[2]), "dispatched", num(r[3]),
                "avgMinutesToSignFor", dbl(r[4]), "signedFor", num(r[5]),
                "avgMinutesToCompletion", dbl(r[6]), "completed", num(r[7]))).toList();
    }

    /**
     * Resolution and satisfaction rates with evaluation's published credits (jiesu.results.scheme-published.v1):
     * the mean credit over visits with an answer, each case rated by the scheme of its completion month (SQL functions
     * {@code resolution_credit}, {@code satisfaction_credit} of V5). Only reached visits; cases an accepted objection
     * excluded are left out. Null while no scheme has been published for the month.
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> quality(Period p, String by) {
        String col = column(by, "category", "district", "street", "type");
        List<Object[]> rows = em.createNativeQuery("SELECT " + col + ", " + QUALITY_COLUMNS
                + " FROM case_fact WHERE day BETWEEN ?1 AND ?2 AND visited_at IS NOT NULL AND reached AND NOT excluded "
                + "GROUP BY 1 ORDER BY 1")
                .setParameter(1, p.from()).setParameter(2, p.to()).getResultList();
        return rows.stream().map(r -> qualityRow("key", r[0], r, 1)).toList();
    }

    static final String QUALITY_COLUMNS = "count(*), "
            + "count(*) FILTER (WHERE resolution IS NOT NULL), "
            + "sum(resolution_credit(resolution, outcome, rate_scheme_month(completed_at, day))) "
            + "FILTER (WHERE resolution IS NOT NULL), "
            + "count(*) FILTER (WHERE satisfaction IS NOT NULL), "
            + "sum(satisfaction_credit(satisfaction, rate_scheme_month(completed_at, day))) "
            + "FILTER (WHERE satisfaction IS NOT NULL)";

    static Map<String, Object> qualityRow(String keyName, Object key, Object[] r, int at) {
        return row(keyName, key, "visits", num(r[at]),
                "resolutionRate", meanCredit(r[at + 2], num(r[at + 1])),
                "satisfactionRate", meanCredit(r[at + 4], num(r[at + 3])));
    }

    /** Σ credit / answers; null without answers or without a published scheme (a null credit). */
    private static Double meanCredit(Object sum, long answers) {
        return answers == 0 || sum == null ? null : round4(((Number) sum).doubleValue() / answers);
    }

    /** Evaluation's published schemes as this service applies them. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> rateSchemes() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT version, effective_from, CAST(resolution_credits AS text), CAST(satisfaction_credits AS text),
                       CAST(outcome_caps AS text), description FROM rate_scheme ORDER BY effective_from""")
                .getResultList();
        return rows.stream().map(r -> row("version", r[0], "effectiveFrom", r[1], "resolutionCredits", json(r[2]),
                "satisfactionCredits", json(r[3]), "outcomeCaps", json(r[4]), "description", r[5])).toList();
    }

    private static Object json(Object text) {
        try {
            return io.jiesu.contract.Json.mapper().readValue((String) text, Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * High-frequency problems: cases per category and area in the period against the same-length period just before;
     * growth = (current − previous) / previous, null when the previous period had none.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> hotspots(Period p, String area, String district, int limit) {
        String a = area == null ? "district" : area;
        String col = switch (a) {
            case "district" -> "district_code";
            case "street" -> "street_code";
            case "city" -> "'CITY'";
            default -> throw ProblemException.badRequest("area must be one of [city, district, street]; got " + a);
        };
        if (limit < 1 || limit > 500) {
            throw ProblemException.badRequest("limit must be between 1 and 500");
        }
        Period prev = p.previous();
        List<Object[]> rows = em.createNativeQuery("SELECT category_code, " + col + ", "
                + "count(*) FILTER (WHERE day BETWEEN ?1 AND ?2), count(*) FILTER (WHERE day BETWEEN ?3 AND ?4) "
                + "FROM case_fact WHERE day BETWEEN ?3 AND ?2 AND category_code IS NOT NULL "
                + "AND (CAST(?5 AS varchar) IS NULL OR district_code = ?5) "
                + "GROUP BY 1, 2 HAVING count(*) FILTER (WHERE day BETWEEN ?1 AND ?2) > 0 "
                + "ORDER BY 3 DESC, 1, 2 LIMIT ?6")
                .setParameter(1, p.from()).setParameter(2, p.to()).setParameter(3, prev.from())
                .setParameter(4, prev.to()).setParameter(5, district).setParameter(6, limit).getResultList();
        ReferenceData ref = ReferenceData.get();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object[] r : rows) {
            long cur = num(r[2]);
            long before = num(r[3]);
            String category = (String) r[0];
            String areaCode = (String) r[1];
            items.add(row("categoryCode", category,
                    "categoryName", ref.category(category).map(c -> c.name()).orElse(category),
                    "area", a, "areaCode", areaCode, "areaName", areaName(areaCode),
                    "count", cur, "previousCount", before,
                    "growth", before == 0 ? null : round4((cur - before) / (double) before)));
        }
        return row("from", p.from().toString(), "to", p.to().toString(), "previousFrom", prev.from().toString(),
                "previousTo", prev.to().toString(), "area", a, "items", items);
    }

    static String areaName(String code) {
        if (code == null || "CITY".equals(code)) {
            return "北京市";
        }
        ReferenceData ref = ReferenceData.get();
        return ref.district(code).map(District::name).orElseGet(() -> ref.unit(code).map(u -> u.name()).orElse(code));
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> detectedHotspots(Period p) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT insight_id, category_code, district_code, street_code, day, count, baseline_mean, baseline_stddev,
                       rule, detected_at FROM hotspot WHERE day BETWEEN ?1 AND ?2 ORDER BY day DESC, count DESC""")
                .setParameter(1, p.from()).setParameter(2, p.to()).getResultList();
        return rows.stream().map(r -> row("insightId", r[0], "categoryCode", r[1], "districtCode", r[2],
                "streetCode", r[3], "streetName", areaName((String) r[3]), "day", toDate(r[4]).toString(),
                "count", num(r[5]), "baselineMean", round4(((Number) r[6]).doubleValue()),
                "baselineStdDev", round4(((Number) r[7]).doubleValue()), "rule", r[8], "detectedAt", str(r[9])))
                .toList();
    }

    /** 七有 / 五性: per district appeals per 10,000 residents, per dimension; rates per dimension; monthly trend. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> dimensions(YearMonth from, YearMonth to) {
        if (from.isAfter(to)) {
            throw ProblemException.badRequest("from (" + from + ") must not be after to (" + to + ")");
        }
        LocalDate start = from.atDay(1);
        LocalDate end = to.atEndOfMonth();
        List<Object[]> dims = em.createNativeQuery("""
                SELECT d.code, d.kind, d.name, d.name_en, string_agg(m.category_code, ',' ORDER BY m.category_code)
                FROM dimension d LEFT JOIN category_dimension m ON m.dimension_code = d.code
                GROUP BY d.code, d.kind, d.name, d.name_en, d.sort_order ORDER BY d.sort_order""").getResultList();
        List<Map<String, Object>> dimensionList = dims.stream().map(r -> row("code", r[0], "kind", r[1], "name", r[2],
                "nameEn", r[3], "categories", r[4] == null ? List.of() : List.of(((String) r[4]).split(",")))).toList();

        List<Object[]> perDistrict = em.createNativeQuery("""
                SELECT district_code, count(*) FROM case_fact WHERE day BETWEEN ?1 AND ?2 AND district_code IS NOT NULL
                GROUP BY 1""").setParameter(1, start).setParameter(2, end).getResultList();
        Map<String, Long> totals = new LinkedHashMap<>();
        perDistrict.forEach(r -> totals.put((String) r[0], num(r[1])));
        List<Object[]> perDistrictDim = em.createNativeQuery("""
                SELECT f.district_code, m.dimension_code, count(*) FROM case_fact f
                JOIN category_dimension m ON m.category_code = f.category_code
                WHERE f.day BETWEEN ?1 AND ?2 AND f.district_code IS NOT NULL GROUP BY 1, 2""")
                .setParameter(1, start).setParameter(2, end).getResultList();
        Map<String, Map<String, Object>> byDistrictDim = new LinkedHashMap<>();
        List<Map<String, Object>> districts = new ArrayList<>();
        for (District d : ReferenceData.get().districts()) {
            long appeals = totals.getOrDefault(d.code(), 0L);
            Map<String, Object> dimFigures = new LinkedHashMap<>();
            byDistrictDim.put(d.code(), dimFigures);
            districts.add(row("districtCode", d.code(), "name", d.name(), "population", d.population(),
                    "appeals", appeals, "per10k", per10k(appeals, d.population()), "dimensions", dimFigures));
        }
        for (Object[] r : perDistrictDim) {
            Map<String, Object> target = byDistrictDim.get((String) r[0]);
            if (target == null) {
                continue;
            }
            long population = ReferenceData.get().district((String) r[0]).map(District::population).orElse(0L);
            target.put((String) r[1], row("appeals", num(r[2]), "per10k", per10k(num(r[2]), population)));
        }
        List<Object[]> quality = em.createNativeQuery("SELECT m.dimension_code, " + QUALITY_COLUMNS + " FROM case_fact f JOIN category_dimension m ON m.category_code = f.category_code "
                        + "WHERE f.day BETWEEN ?1 AND ?2 AND f.visited_at IS NOT NULL AND f.reached AND NOT f.excluded "
                        + "GROUP BY 1 ORDER BY 1")
                .setParameter(1, start).setParameter(2, end).getResultList();
        List<Map<String, Object>> qualityList = quality.stream().map(r -> qualityRow("dimensionCode", r[0], r, 1))
                .toList();
        List<Object[]> trend = em.createNativeQuery("""
                SELECT to_char(f.day, 'YYYY-MM'), m.dimension_code, count(*) FROM case_fact f
                JOIN category_dimension m ON m.category_code = f.category_code
                WHERE f.day BETWEEN ?1 AND ?2 GROUP BY 1, 2 ORDER BY 1, 2""")
                .setParameter(1, start).setParameter(2, end).getResultList();
        List<Map<String, Object>> trendList = trend.stream().map(r -> row("month", r[0], "dimensionCode", r[1],
                "appeals", num(r[2]))).toList();
        return row("from", from.toString(), "to", to.toString(), "dimensions", dimensionList,
                "districts", districts, "quality", qualityList, "trend", trendList);
    }

    static Double per10k(long appeals, long population) {
        return population <= 0 ? null : round4(appeals * 10_000.0 / population);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> latestRankings() throws Exception {
        List<Object[]> rows = em.createNativeQuery(
                "SELECT period, revision, payload FROM published_scores ORDER BY period DESC LIMIT 1").getResultList();
        List<Object[]> gov = em.createNativeQuery(
                "SELECT period, revision, unit_codes FROM published_governance_list ORDER BY period DESC LIMIT 1")
                .getResultList();
        Map<String, Object> out = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            ScoresPublished s = Json.mapper().readValue((String) rows.get(0)[2], ScoresPublished.class);
            out.put("period", s.period());
            out.put("revision", s.revision());
            out.put("schemeVersion", s.schemeVersion());
            out.put("scores", s.scores().stream().map(u -> row("unitCode", u.unitCode(),
                    "unitName", ReferenceData.get().unit(u.unitCode()).map(x -> x.name()).orElse(u.unitCode()),
                    "peerGroup", u.peerGroup(), "cases", u.cases(), "responseRate", u.responseRate(),
                    "resolutionRate", u.resolutionRate(), "satisfactionRate", u.satisfactionRate(),
                    "composite", u.composite(), "rank", u.rank())).toList());
        }
        if (!gov.isEmpty()) {
            String codes = (String) gov.get(0)[2];
            out.put("governanceList", row("period", gov.get(0)[0], "unitCodes",
                    codes.isEmpty() ? List.of() : List.of(codes.split(","))));
        }
        return out;
    }

    /** The key small matters (focus matters) and their categories. */
    static final Map<String, List<String>> FOCUS = new LinkedHashMap<>();
    static {
        FOCUS.put("EPIDEMIC_PREVENTION", List.of("EPIDEMIC_PREVENTION"));
        FOCUS.put("GARBAGE_SORTING", List.of("GARBAGE_SORTING", "GARBAGE_CLEARANCE"));
        FOCUS.put("PROPERTY_MANAGEMENT", List.of("PROPERTY_MANAGEMENT", "PROPERTY_FEE"));
    }

    /** Per focus matter: volume, per district, daily trend, resolution and satisfaction. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> focusMatters(Period p) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> f : FOCUS.entrySet()) {
            String in = String.join(",", f.getValue());
            List<Object[]> byDistrict = em.createNativeQuery("""
                    SELECT district_code, count(*) FROM case_fact WHERE day BETWEEN ?1 AND ?2
                      AND category_code = ANY(string_to_array(?3, ',')) GROUP BY 1 ORDER BY 2 DESC, 1""")
                    .setParameter(1, p.from()).setParameter(2, p.to()).setParameter(3, in).getResultList();
            List<Object[]> byDay = em.createNativeQuery("""
                    SELECT day, count(*) FROM case_fact WHERE day BETWEEN ?1 AND ?2
                      AND category_code = ANY(string_to_array(?3, ',')) GROUP BY 1 ORDER BY 1""")
                    .setParameter(1, p.from()).setParameter(2, p.to()).setParameter(3, in).getResultList();
            Object[] q = (Object[]) em.createNativeQuery("SELECT 'all', " + QUALITY_COLUMNS + " FROM case_fact "
                    + "WHERE day BETWEEN ?1 AND ?2 AND category_code = ANY(string_to_array(?3, ',')) "
                    + "AND visited_at IS NOT NULL AND reached AND NOT excluded")
                    .setParameter(1, p.from()).setParameter(2, p.to()).setParameter(3, in).getSingleResult();
            Map<String, Object> quality = qualityRow("matter", f.getKey(), q, 1);
            out.add(row("matter", f.getKey(), "categories", f.getValue(),
                    "cases", byDistrict.stream().mapToLong(r -> num(r[1])).sum(),
                    "byDistrict", byDistrict.stream().map(r -> row("districtCode", r[0], "name", areaName((String) r[0]),
                            "count", num(r[1]))).toList(),
                    "byDay", byDay.stream().map(r -> row("day", toDate(r[0]).toString(), "count", num(r[1]))).toList(),
                    "visits", quality.get("visits"), "resolutionRate", quality.get("resolutionRate"),
                    "satisfactionRate", quality.get("satisfactionRate")));
        }
        return out;
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static Double dbl(Object o) {
        return o == null ? null : round4(((Number) o).doubleValue());
    }

    static double round4(double d) {
        return Math.round(d * 10_000.0) / 10_000.0;
    }

    static String str(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant().toString();
        }
        return o.toString();
    }

    static LocalDate toDate(Object o) {
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (o instanceof LocalDate d) {
            return d;
        }
        return LocalDate.parse(o.toString());
    }
}
