package io.jiesu.console.desk.call;

import io.jiesu.console.services.IntakeApi;
import io.jiesu.console.services.IntakeViews;
import io.jiesu.console.services.ServiceRefusal;
import io.jiesu.console.web.Page;
import io.jiesu.contract.event.Enums;
import io.jiesu.contract.reference.Category;
import io.jiesu.contract.reference.ReferenceData;
import io.jiesu.contract.reference.Unit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The call-taker's desk (接线员): the appeal form used while the caller is on the line, with intake's hints as the
 * content and the phone number are typed. Every rule (classification, repeats, direct answers, validation) is
 * intake's; this page only shows its answers.
 */
@Path("/desk/call")
@RolesAllowed("operator")
@Produces(MediaType.TEXT_HTML)
public class CallDeskResource {
    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance desk(AppealForm form, Map<String, String> errors, List<String> problems,
                String doneCaseId, String doneStatus, List<Enums.AppealType> types,
                Map<String, List<Category>> categories, List<io.jiesu.contract.reference.District> districts,
                List<Unit> streets);

        static native TemplateInstance assist(IntakeViews.ClassificationHint hint);

        static native TemplateInstance caller(IntakeViews.CallerContext context);

        static native TemplateInstance streets(List<Unit> streets, String selected);

        static native TemplateInstance communities(List<io.jiesu.contract.reference.Community> communities,
                String selected);
    }

    private final IntakeApi intake;
    private final Page page;

    CallDeskResource(@RestClient IntakeApi intake, Page page) {
        this.intake = intake;
        this.page = page;
    }

    @GET
    public TemplateInstance desk(@QueryParam("done") String doneCaseId, @QueryParam("status") String doneStatus) {
        return render(AppealForm.empty(), Map.of(), List.of(), doneCaseId, doneStatus);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(MultivaluedMap<String, String> fields) {
        AppealForm form = AppealForm.from(fields);
        try {
            Map<String, Object> accepted = intake.submitAppeal(form.toAppeal(Instant.now()));
            String caseId = String.valueOf(accepted.get("caseId"));
            // Post/Redirect/Get: a reload never submits twice (and a double submit has the same externalId anyway)
            return Response.seeOther(URI.create("/desk/call?done=" + enc(caseId) + "&status="
                    + enc(String.valueOf(accepted.get("status"))))).build();
        } catch (ServiceRefusal refusal) {
            if (!refusal.isClientError()) {
                throw refusal;
            }
            Map<String, String> errors = AppealForm.fieldErrors(refusal.fieldErrors());
            List<String> problems = errors.isEmpty() ? refusal.messages() : List.of();
            return Response.status(refusal.status()).entity(render(form, errors, problems, null, null)).build();
        }
    }

    /** Hints while the content is typed: suggested categories, urgency, knowledge-base answers. */
    @POST
    @Path("assist")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance assist(MultivaluedMap<String, String> fields) {
        String content = trim(fields.getFirst("content"));
        if (content == null || content.length() < 2) {
            return page.render(Templates.assist(null));
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("content", content);
        query.put("type", trim(fields.getFirst("type")));
        return page.render(Templates.assist(intake.classification(query)));
    }

    /** The caller's recent cases, the open case this would repeat, flags — once a phone number is typed. */
    @POST
    @Path("caller")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance caller(MultivaluedMap<String, String> fields) {
        String phone = trim(fields.getFirst("phone"));
        if (phone == null || !phone.matches("\\+?[0-9][0-9 -]{4,30}")) {
            return page.render(Templates.caller(null));
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("phone", phone);
        query.put("categoryCode", trim(fields.getFirst("categoryCode")));
        query.put("streetCode", trim(fields.getFirst("streetCode")));
        query.put("address", trim(fields.getFirst("address")));
        return page.render(Templates.caller(intake.caller(query)));
    }

    /** The streets/towns of a district, for the location picker. */
    @GET
    @Path("streets")
    public TemplateInstance streets(@QueryParam("districtCode") String districtCode) {
        return page.render(Templates.streets(streetsOf(districtCode), null));
    }

    /** The communities/villages of a street/town (社区/村), for the location picker. */
    @GET
    @Path("communities")
    public TemplateInstance communities(@QueryParam("streetCode") String streetCode) {
        return page.render(Templates.communities(communitiesOf(streetCode), null));
    }

    static List<io.jiesu.contract.reference.Community> communitiesOf(String streetCode) {
        return streetCode == null || streetCode.isBlank() ? List.of() : ReferenceData.get().communitiesOf(streetCode);
    }

    private TemplateInstance render(AppealForm form, Map<String, String> errors, List<String> problems,
            String doneCaseId, String doneStatus) {
        return page.render(Templates.desk(form, errors, problems, doneCaseId, doneStatus,
                Arrays.asList(Enums.AppealType.values()), categoriesByGroup(), ReferenceData.get().districts(),
                streetsOf(form.districtCode())).data("nav", "call")
                .data("communities", communitiesOf(form.streetCode())));
    }

    static List<Unit> streetsOf(String districtCode) {
        return districtCode == null || districtCode.isBlank() ? List.of()
                : ReferenceData.get().streetsAndTowns(districtCode);
    }

    static Map<String, List<Category>> categoriesByGroup() {
        Map<String, List<Category>> groups = new LinkedHashMap<>();
        for (Category c : ReferenceData.get().categories()) {
            groups.computeIfAbsent(c.groupName(), g -> new java.util.ArrayList<>()).add(c);
        }
        return groups;
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A fresh idempotency key for each form shown: a retried submit of the same form is the same appeal. */
    static String newExternalId() {
        return "CONSOLE-" + UUID.randomUUID();
    }
}
