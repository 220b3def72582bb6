package io.jiesu.analytics.api;

import io.jiesu.analytics.insight.HotspotDetector;
import io.jiesu.analytics.insight.RiskAlertStatus;
import io.jiesu.platform.security.Roles;
import io.jiesu.platform.web.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Analytics for leaders and analysts (roles analyst, admin). Dates are Beijing dates; periods are inclusive. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ANALYST, Roles.ADMIN})
public class AnalyticsResource {
    @Inject
    AnalyticsQueries queries;
    @Inject
    HotspotDetector detector;
    @Inject
    io.jiesu.analytics.insight.RiskAlerts riskAlerts;

    /** Cases per day × category × district × street/town. */
    @GET
    @Path("stats/daily")
    @Transactional
    public List<Map<String, Object>> daily(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("districtCode") String district, @QueryParam("categoryCode") String category,
            @QueryParam("streetCode") String street) {
        return queries.daily(queries.period(from, to, 30), district, category, street);
    }

    /** Cases by one of type, channel, category, district, street, day. */
    @GET
    @Path("stats/breakdown")
    @Transactional
    public List<Map<String, Object>> breakdown(@QueryParam("by") String by, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("districtCode") String district) {
        return queries.breakdown(queries.period(from, to, 30), by, district);
    }

    /** Average minutes to dispatch, to sign-for (from dispatch) and to completion, by category/district/street/type. */
    @GET
    @Path("stats/timeliness")
    @Transactional
    public List<Map<String, Object>> timeliness(@QueryParam("by") @DefaultValue("category") String by,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return queries.timeliness(queries.period(from, to, 30), by);
    }

    /** Resolution and satisfaction rates from return visits, by category/district/street/type. */
    @GET
    @Path("stats/quality")
    @Transactional
    public List<Map<String, Object>> quality(@QueryParam("by") @DefaultValue("category") String by,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return queries.quality(queries.period(from, to, 30), by);
    }

    /** 高频共性问题: top categories per area in the period, with growth against the previous period of equal length. */
    @GET
    @Path("hotspots")
    @Transactional
    public Map<String, Object> hotspots(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("area") @DefaultValue("district") String area, @QueryParam("districtCode") String district,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        if (district != null && io.jiesu.contract.reference.ReferenceData.get().district(district).isEmpty()) {
            // an unknown code would answer with empty rankings, as if the district had no cases
            throw ProblemException.badRequest("districtCode: no district " + district
                    + "; see GET /api/v1/reference/districts on intake-service");
        }
        return queries.hotspots(queries.period(from, to, 7), area, district, limit);
    }

    /** Spikes detected by the statistical rule. */
    @GET
    @Path("hotspots/detected")
    @Transactional
    public Map<String, Object> detected(@QueryParam("from") String from, @QueryParam("to") String to) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", detector.rule());
        out.put("items", queries.detectedHotspots(queries.period(from, to, 30)));
        return out;
    }

    /** 七有 / 五性 report; months YYYY-MM, default: the 12 months ending with the latest month with data. */
    @GET
    @Path("dimensions")
    @Transactional
    public Map<String, Object> dimensions(@QueryParam("from") String from, @QueryParam("to") String to) {
        YearMonth end = to == null ? YearMonth.from(queries.latestDay()) : AnalyticsQueries.month(to, "to");
        YearMonth start = from == null ? end.minusMonths(11) : AnalyticsQueries.month(from, "from");
        return queries.dimensions(start, end);
    }

    /** Focus matters (防疫, 垃圾分类, 物业管理): volume, districts, daily trend, resolution and satisfaction. */
    @GET
    @Path("focus-matters")
    @Transactional
    public Map<String, Object> focus(@QueryParam("from") String from, @QueryParam("to") String to) {
        AnalyticsQueries.Period p = queries.period(from, to, 30);
        return Map.of("from", p.from().toString(), "to", p.to().toString(), "matters", queries.focusMatters(p));
    }

    /** Evaluation's published schemes: the credits the quality rates here are computed with. */
    @GET
    @Path("rate-schemes")
    @Transactional
    public List<Map<String, Object>> rateSchemes() {
        return queries.rateSchemes();
    }

    /** The latest scores and governance list published by evaluation-service. */
    @GET
    @Path("rankings/latest")
    @Transactional
    public Map<String, Object> rankings() throws Exception {
        return queries.latestRankings();
    }

    /** Everything the dashboard at / draws, in one call. */
    @GET
    @Path("dashboard")
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN, Roles.LEADER}) // the leaders' desk draws it too
    @Transactional
    public Map<String, Object> dashboard() throws Exception {
        AnalyticsQueries.Period p = queries.period(null, null, 30);
        YearMonth end = YearMonth.from(p.to());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", p.from().toString());
        out.put("to", p.to().toString());
        out.put("trend", queries.breakdown(p, "day", null));
        out.put("byDistrict", queries.breakdown(p, "district", null));
        out.put("districtCategory", queries.hotspots(p, "district", null, 500));
        out.put("topProblems", queries.hotspots(queries.period(null, p.to().toString(), 7), "city", null, 10));
        out.put("byChannel", queries.breakdown(p, "channel", null));
        out.put("detectedHotspots", queries.detectedHotspots(p));
        out.put("rankings", queries.latestRankings());
        out.put("riskAlerts", riskAlerts.list(RiskAlertStatus.OPEN, null, null, 50));
        out.put("dimensions", queries.dimensions(end.minusMonths(11), end));
        return out;
    }
}
