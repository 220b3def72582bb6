package io.jiesu.console.desk.visit;

import io.jiesu.console.services.EvaluationApi;
import io.jiesu.console.services.EvaluationViews;
import io.jiesu.console.services.IntakeApi;
import io.jiesu.console.services.IntakeViews;
import io.jiesu.console.services.ServiceRefusal;
import io.jiesu.console.web.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The return-visit desk (回访): the queue of completed cases awaiting their visit, oldest due first, and the visit
 * form. Which answer counts, and what reopens a case, is evaluation's rule.
 */
@Path("/desk/visits")
@RolesAllowed({"operator", "reviewer"})
@Produces(MediaType.TEXT_HTML)
public class VisitDeskResource {
    static final int PAGE_SIZE = 20;

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance queue(EvaluationViews.VisitQueue queue, int page, String recorded,
                boolean hasNext);

        static native TemplateInstance visit(IntakeViews.CaseView kase, List<EvaluationViews.Visit> visits,
                Map<String, String> form, List<String> problems);
    }

    private final EvaluationApi evaluation;
    private final IntakeApi intake;
    private final Page page;

    VisitDeskResource(@RestClient EvaluationApi evaluation, @RestClient IntakeApi intake, Page page) {
        this.evaluation = evaluation;
        this.intake = intake;
        this.page = page;
    }

    @GET
    public TemplateInstance queue(@QueryParam("page") @DefaultValue("0") int pageNumber,
            @QueryParam("recorded") String recorded) {
        int p = Math.max(0, pageNumber);
        EvaluationViews.VisitQueue queue = evaluation.visitQueue(p, PAGE_SIZE);
        boolean hasNext = queue.total() > (long) (p + 1) * PAGE_SIZE;
        return page.render(Templates.queue(queue, p, recorded, hasNext).data("nav", "visits"));
    }

    @GET
    @Path("{caseId}")
    public TemplateInstance form(@PathParam("caseId") String caseId) {
        return render(caseId, Map.of(), List.of());
    }

    @POST
    @Path("{caseId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response record(@PathParam("caseId") String caseId, MultivaluedMap<String, String> fields) {
        boolean reached = "true".equals(fields.getFirst("reached"));
        Map<String, Object> visit = new LinkedHashMap<>();
        visit.put("caseId", caseId);
        visit.put("visitedAt", Instant.now().toString());
        visit.put("reached", reached);
        visit.put("contactedInTime", reached ? yesNo(fields.getFirst("contactedInTime")) : null);
        visit.put("resolution", reached ? blank(fields.getFirst("resolution")) : null);
        visit.put("satisfaction", reached ? blank(fields.getFirst("satisfaction")) : null);
        visit.put("comment", blank(fields.getFirst("comment")));
        try {
            evaluation.recordVisit(visit);
            return Response.seeOther(URI.create("/desk/visits?recorded=" + caseId)).build();
        } catch (ServiceRefusal refusal) {
            if (!refusal.isClientError()) {
                throw refusal;
            }
            Map<String, String> form = new LinkedHashMap<>();
            fields.forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(0)));
            return Response.status(refusal.status()).entity(render(caseId, form, refusal.messages())).build();
        }
    }

    private TemplateInstance render(String caseId, Map<String, String> form, List<String> problems) {
        return page.render(Templates.visit(intake.caseView(caseId), evaluation.visits(caseId), form, problems)
                .data("nav", "visits"));
    }

    private static Boolean yesNo(String value) {
        return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : null;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
