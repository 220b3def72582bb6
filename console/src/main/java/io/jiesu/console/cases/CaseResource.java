package io.jiesu.console.cases;

import io.jiesu.console.services.EvaluationApi;
import io.jiesu.console.services.IntakeApi;
import io.jiesu.console.services.IntakeViews;
import io.jiesu.console.services.EvaluationViews;
import io.jiesu.contract.reference.Category;
import io.jiesu.contract.reference.District;
import io.jiesu.console.services.ServiceRefusal;
import io.jiesu.console.web.Page;
import io.jiesu.contract.reference.ReferenceData;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Case search (by number, phone, category, area, dates) and one case with its whole timeline in words. */
@Path("/cases")
@Produces(MediaType.TEXT_HTML)
public class CaseResource {
    static final int PAGE_SIZE = 20;

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance search(Query query, List<IntakeViews.CaseSummary> results, boolean searched,
                int page, boolean hasNext, List<Category> categories, List<District> districts);

        static native TemplateInstance detail(IntakeViews.CaseView kase, List<EvaluationViews.Visit> visits);
    }

    /** The search form as submitted. */
    public record Query(String caseId, String phone, String categoryCode, String districtCode, String from, String to) {
        boolean isEmpty() {
            return phone == null && categoryCode == null && districtCode == null && from == null && to == null;
        }

        String queryString(int page) {
            StringBuilder sb = new StringBuilder("?page=" + page);
            append(sb, "phone", phone);
            append(sb, "categoryCode", categoryCode);
            append(sb, "districtCode", districtCode);
            append(sb, "from", from);
            append(sb, "to", to);
            return sb.toString();
        }

        private static void append(StringBuilder sb, String name, String value) {
            if (value != null) {
                sb.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }

        public String previous(int page) {
            return queryString(Math.max(0, page - 1));
        }

        public String next(int page) {
            return queryString(page + 1);
        }
    }

    private final IntakeApi intake;
    private final EvaluationApi evaluation;
    private final Page page;

    CaseResource(@RestClient IntakeApi intake, @RestClient EvaluationApi evaluation, Page page) {
        this.intake = intake;
        this.evaluation = evaluation;
        this.page = page;
    }

    @GET
    @RolesAllowed({"operator", "reviewer", "admin"})
    public Response search(@QueryParam("caseId") String caseId, @QueryParam("phone") String phone,
            @QueryParam("categoryCode") String categoryCode, @QueryParam("districtCode") String districtCode,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int pageNumber) {
        Query query = new Query(blank(caseId), blank(phone), blank(categoryCode), blank(districtCode), blank(from),
                blank(to));
        if (query.caseId() != null) {
            return Response.seeOther(URI.create("/cases/" + URLEncoder.encode(query.caseId(), StandardCharsets.UTF_8)))
                    .build();
        }
        int p = Math.max(0, pageNumber);
        List<IntakeViews.CaseSummary> results = List.of();
        boolean hasNext = false;
        if (!query.isEmpty()) {
            // one more than a page tells whether there is a next one without counting the whole table
            results = intake.searchCases(query.phone(), query.categoryCode(), query.districtCode(), null,
                    query.from(), query.to(), p, PAGE_SIZE + 1);
            hasNext = results.size() > PAGE_SIZE;
            results = hasNext ? results.subList(0, PAGE_SIZE) : results;
        }
        return Response.ok(page.render(Templates.search(query, results, !query.isEmpty(), p, hasNext,
                ReferenceData.get().categories(), ReferenceData.get().districts()).data("nav", "cases"))).build();
    }

    @GET
    @Path("{caseId}")
    @RolesAllowed({"operator", "reviewer", "admin", "unit"})
    public TemplateInstance detail(@PathParam("caseId") String caseId) {
        IntakeViews.CaseView kase = intake.caseView(caseId);
        List<EvaluationViews.Visit> visits = List.of();
        if (!page.requirePerson().role().equals(io.jiesu.console.account.Role.UNIT)) {
            try {
                visits = evaluation.visits(caseId);
            } catch (ServiceRefusal refusal) {
                visits = List.of(); // visits are a side panel: a refusal there must not hide the case
            }
        }
        return page.render(Templates.detail(kase, visits).data("nav", "cases"));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
