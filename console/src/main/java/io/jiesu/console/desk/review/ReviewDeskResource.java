package io.jiesu.console.desk.review;

import io.jiesu.console.services.DispatchApi;
import io.jiesu.console.services.DispatchViews;
import io.jiesu.console.services.EvaluationApi;
import io.jiesu.console.services.EvaluationViews;
import io.jiesu.console.web.Page;
import io.jiesu.console.web.UnitChoices;
import io.jiesu.contract.reference.Unit;
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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatch and review desk (派单·审核): the manual-dispatch queue, return and extension requests and objections
 * awaiting a decision. Each list is its own fragment, refreshed when a case event arrives (server-sent events);
 * each decision is the service's: a refusal shows in place with the service's reason.
 */
@Path("/desk/review")
@RolesAllowed({"reviewer", "admin"})
@Produces(MediaType.TEXT_HTML)
public class ReviewDeskResource {
    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance desk();

        static native TemplateInstance manual(List<DispatchViews.QueuedOrder> queue,
                Map<String, Map<String, List<Unit>>> choices, String message);

        static native TemplateInstance returns(List<DispatchViews.ReturnRequest> requests,
                Map<String, Map<String, List<Unit>>> choices, String message);

        static native TemplateInstance extensions(List<DispatchViews.ExtensionRequest> requests, String message);

        static native TemplateInstance objections(List<EvaluationViews.Objection> objections, String message);

        static native TemplateInstance order(DispatchViews.WorkOrderDetail detail);

        static native TemplateInstance deadlines(DispatchViews.OrderPage orders, DeadlineFilter filter,
                List<io.jiesu.contract.reference.District> districts,
                List<io.jiesu.contract.reference.Category> categories, boolean hasNext);
    }

    /** The across-units list's filter as the reviewer set it: overdue, or due within {@code hours}. */
    public record DeadlineFilter(String mode, int hours, String district, String unitKind, String category, int page) {
        public String query(int toPage) {
            return "mode=" + mode + "&hours=" + hours + "&district=" + (district == null ? "" : district)
                    + "&unitKind=" + (unitKind == null ? "" : unitKind) + "&category=" + (category == null ? "" : category)
                    + "&page=" + toPage;
        }
    }

    private final DispatchApi dispatch;
    private final EvaluationApi evaluation;
    private final Page page;

    ReviewDeskResource(@RestClient DispatchApi dispatch, @RestClient EvaluationApi evaluation, Page page) {
        this.dispatch = dispatch;
        this.evaluation = evaluation;
        this.page = page;
    }

    @GET
    public TemplateInstance desk() {
        return page.render(Templates.desk().data("nav", "review"));
    }

    @GET
    @Path("manual")
    public TemplateInstance manual() {
        return manual(null);
    }

    @POST
    @Path("manual/{caseId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public jakarta.ws.rs.core.Response dispatchManually(@PathParam("caseId") String caseId, @FormParam("unitCode") String unitCode,
            @FormParam("comment") String comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unitCode", blank(unitCode));
        body.put("comment", blank(comment));
        Map<String, Object> decided = dispatch.dispatchManually(caseId, body);
        return refreshAll(manual(caseId + " → " + decided.get("unitCode")));
    }

    @GET
    @Path("returns")
    public TemplateInstance returns() {
        return returns(null);
    }

    @POST
    @Path("returns/{caseId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public jakarta.ws.rs.core.Response decideReturn(@PathParam("caseId") String caseId, @FormParam("decision") String decision,
            @FormParam("newUnitCode") String newUnitCode, @FormParam("comment") String comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", blank(decision));
        body.put("newUnitCode", "APPROVED".equals(decision) ? blank(newUnitCode) : null);
        body.put("comment", blank(comment));
        Map<String, Object> decided = dispatch.decideReturn(caseId, body);
        return refreshAll(returns(caseId + ": " + decided.get("status")));
    }

    @GET
    @Path("extensions")
    public TemplateInstance extensions() {
        return extensions(null);
    }

    @POST
    @Path("extensions/{caseId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public jakarta.ws.rs.core.Response decideExtension(@PathParam("caseId") String caseId,
            @FormParam("decision") String decision, @FormParam("completionDeadline") String deadline,
            @FormParam("comment") String comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", blank(decision));
        body.put("completionDeadline", blank(deadline) == null ? null
                : LocalDateTime.parse(deadline).atZone(io.jiesu.console.web.Ui.BEIJING).toInstant().toString());
        body.put("comment", blank(comment));
        dispatch.decideExtension(caseId, body);
        return refreshAll(extensions(caseId + ": " + decision));
    }

    @GET
    @Path("objections")
    public TemplateInstance objections() {
        return objections(null);
    }

    @POST
    @Path("objections/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public jakarta.ws.rs.core.Response decideObjection(@PathParam("id") String id, @FormParam("decision") String decision,
            @FormParam("comment") String comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", blank(decision));
        body.put("comment", blank(comment));
        evaluation.decideObjection(id, body);
        return refreshAll(objections(id + ": " + decision));
    }

    /** Orders overdue or due within the next hours across all units (dispatch's list), filterable. */
    @GET
    @Path("deadlines")
    public TemplateInstance deadlines(@jakarta.ws.rs.QueryParam("mode") String mode,
            @jakarta.ws.rs.QueryParam("hours") Integer hours, @jakarta.ws.rs.QueryParam("district") String district,
            @jakarta.ws.rs.QueryParam("unitKind") String unitKind, @jakarta.ws.rs.QueryParam("category") String category,
            @jakarta.ws.rs.QueryParam("page") Integer pageNumber) {
        DeadlineFilter f = new DeadlineFilter("soon".equals(mode) ? "soon" : "overdue",
                hours == null || hours < 1 ? 4 : Math.min(hours, 24 * 30), blank(district), blank(unitKind),
                blank(category), pageNumber == null ? 0 : Math.max(0, pageNumber));
        DispatchViews.OrderPage orders = dispatch.deadlines("overdue".equals(f.mode()) ? "true" : null,
                "soon".equals(f.mode()) ? f.hours() : null, f.district(), f.unitKind(), f.category(), "nextDeadline",
                f.page(), 20);
        return page.render(Templates.deadlines(orders, f, io.jiesu.contract.reference.ReferenceData.get().districts(),
                io.jiesu.contract.reference.ReferenceData.get().categories(),
                orders.total() > (long) (f.page() + 1) * orders.size()));
    }

    /** One order with its whole history, for deciding a return or an extension. */
    @GET
    @Path("orders/{caseId}")
    public TemplateInstance order(@PathParam("caseId") String caseId) {
        return page.render(Templates.order(dispatch.workOrder(caseId)).data("nav", "review"));
    }

    private TemplateInstance manual(String message) {
        List<DispatchViews.QueuedOrder> queue = dispatch.manualQueue();
        Map<String, Map<String, List<Unit>>> choices = new LinkedHashMap<>();
        queue.forEach(q -> choices.computeIfAbsent(q.districtCode(), UnitChoices::forDistrict));
        return page.render(Templates.manual(queue, choices, message));
    }

    private TemplateInstance returns(String message) {
        List<DispatchViews.ReturnRequest> requests = dispatch.returns("PENDING");
        Map<String, Map<String, List<Unit>>> choices = Map.of("", UnitChoices.forDistrict(null));
        return page.render(Templates.returns(requests, choices, message));
    }

    private TemplateInstance extensions(String message) {
        return page.render(Templates.extensions(dispatch.extensions("PENDING"), message));
    }

    private TemplateInstance objections(String message) {
        return page.render(Templates.objections(evaluation.objections("PENDING"), message));
    }

    /**
     * The decided section's new content, plus {@code HX-Trigger: refresh} so that the page's other lists reload too:
     * a decided return may have moved the case into the manual queue.
     */
    private static jakarta.ws.rs.core.Response refreshAll(TemplateInstance section) {
        return jakarta.ws.rs.core.Response.ok(section).header("HX-Trigger", "refresh").build();
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

}
