package io.jiesu.console.desk.leader;

import io.jiesu.console.services.ServiceRefusal;
import io.jiesu.console.web.Page;
import io.jiesu.console.web.Ui;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.jiesu.contract.reference.UnitKind;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The leaders' desk (领导): a month's rankings per peer group with the governance-type and commendation lists, and
 * publishing the month's results (evaluation); the monthly topics (每月一题) and the year's problem list with its
 * plan and three lists (一方案三清单): propose, adopt, follow (analytics). The services decide who may do what.
 */
@Path("/desk/leader")
@RolesAllowed({"leader", "admin"})
@Produces(MediaType.TEXT_HTML)
public class LeaderDeskResource {
    /** The peer groups evaluation ranks, in the order a leader reads them. */
    static final List<String> PEER_GROUPS = List.of("DISTRICT", "STREET_TOWN", "DEPARTMENT", "ENTERPRISE");

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        /** The services' answers come as {@code data(...)}: JSON maps a template reads by key, unchecked. */
        static native TemplateInstance desk(String month, String published);

        static native TemplateInstance problems(String year, String period, List<Unit> departments, String message);
    }

    private final LeaderEvaluationApi evaluation;
    private final LeaderAnalyticsApi analytics;
    private final Page page;

    LeaderDeskResource(@RestClient LeaderEvaluationApi evaluation, @RestClient LeaderAnalyticsApi analytics,
            Page page) {
        this.evaluation = evaluation;
        this.analytics = analytics;
        this.page = page;
    }

    @GET
    public TemplateInstance desk(@QueryParam("month") String month, @QueryParam("published") String published) {
        String m = monthOr(month);
        List<Map<String, Object>> scores = orNull(() -> evaluation.scores(m));
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        if (scores != null) {
            PEER_GROUPS.forEach(g -> groups.put(g, new ArrayList<>()));
            scores.forEach(s -> groups.computeIfAbsent(String.valueOf(s.get("peerGroup")), g -> new ArrayList<>())
                    .add(s));
            groups.values().forEach(rows -> rows.sort(Comparator.comparing(
                    (Map<String, Object> s) -> s.get("rank") instanceof Number n ? n.intValue() : Integer.MAX_VALUE)));
            groups.values().removeIf(List::isEmpty);
        }
        return page.render(Templates.desk(m, published).data("groups", scores == null ? null : groups)
                .data("governance", orNull(() -> evaluation.governance(m)))
                .data("commendations", orNull(() -> evaluation.commendations(m))).data("nav", "leader"));
    }

    /** Publishes the month's results: evaluation computes and publishes a new revision. */
    @POST
    @Path("publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response publish(@FormParam("month") String month, @FormParam("reason") String reason) {
        String m = monthOr(month);
        Map<String, Object> published = evaluation.publish(m, blank(reason));
        return Response.seeOther(UriBuilder.fromPath("/desk/leader").queryParam("month", m)
                .queryParam("published", published.get("revision")).build()).build();
    }

    @GET
    @Path("problems")
    public TemplateInstance problems(@QueryParam("year") String year, @QueryParam("message") String message) {
        String y = yearOr(year);
        String period = YearMonth.now(Ui.BEIJING).minusMonths(1).toString();
        List<Unit> departments = ReferenceData.get().units().stream()
                .filter(u -> u.kind() == UnitKind.DEPARTMENT && u.districtCode() == null).toList();
        return page.render(Templates.problems(y, period, departments, message).data("entries", analytics.problems(y))
                .data("candidates", analytics.candidates(period, 5)).data("topics", analytics.topics())
                .data("nav", "problems"));
    }

    @POST
    @Path("problems/propose")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response propose(@FormParam("year") String year) {
        String y = yearOr(year);
        analytics.propose(y);
        return backToProblems(y, null);
    }

    /** Adopts a proposed entry with its plan and (one item of) each of the three lists. */
    @POST
    @Path("problems/{entryId}/adopt")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response adopt(@PathParam("entryId") String entryId, @FormParam("year") String year,
            @FormParam("leadUnitCode") String lead, @FormParam("workPlan") String plan,
            @FormParam("targetReductionPct") String target, @FormParam("problem") String problem,
            @FormParam("task") String task, @FormParam("taskDueMonth") String taskDue,
            @FormParam("policy") String policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("leadUnitCode", blank(lead));
        body.put("coUnitCodes", List.of());
        body.put("workPlan", blank(plan));
        body.put("targetReductionPct", number(target));
        body.put("problems", blank(problem) == null ? List.of() : List.of(Map.of("description", problem.strip())));
        body.put("tasks", blank(task) == null ? List.of() : List.of(item("description", task, "unitCode", lead,
                "dueMonth", taskDue)));
        body.put("policies", blank(policy) == null ? List.of() : List.of(Map.of("title", policy.strip())));
        Map<String, Object> adopted = analytics.adopt(entryId, body);
        return backToProblems(yearOr(year), String.valueOf(adopted.get("title")));
    }

    /** Adopts a monthly topic from a candidate, with its plan. */
    @POST
    @Path("topics")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response adoptTopic(@FormParam("period") String period, @FormParam("categoryCode") String category,
            @FormParam("title") String title, @FormParam("plan") String plan) {
        analytics.adoptTopic(item("period", period, "categoryCode", category, "title", title, "plan", plan));
        return backToProblems(String.valueOf(Year.now(Ui.BEIJING)), blank(title));
    }

    private static Response backToProblems(String year, String adoptedTitle) {
        UriBuilder to = UriBuilder.fromPath("/desk/leader/problems").queryParam("year", year);
        if (adoptedTitle != null) {
            to.queryParam("message", adoptedTitle);
        }
        return Response.seeOther(to.build()).build();
    }

    /** A service's 404 (nothing published for the month yet) as "none"; any other refusal stays a refusal. */
    private static <T> T orNull(Supplier<T> call) {
        try {
            return call.get();
        } catch (ServiceRefusal refusal) {
            if (refusal.status() == 404) {
                return null;
            }
            throw refusal;
        }
    }

    /** Form fields as a JSON body: blank ones are sent as null, so the service names what is missing. */
    private static Map<String, Object> item(String... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], blank(keysAndValues[i + 1]));
        }
        return m;
    }

    /** A number typed in the form, or null (the service then says what it needs). */
    private static Double number(String s) {
        try {
            return blank(s) == null ? null : Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String monthOr(String month) {
        return month != null && month.matches("\\d{4}-\\d{2}") ? month : YearMonth.now(Ui.BEIJING).toString();
    }

    private static String yearOr(String year) {
        return year != null && year.matches("\\d{4}") ? year : String.valueOf(Year.now(Ui.BEIJING));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
