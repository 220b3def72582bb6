package io.jiesu.console.admin;

import io.jiesu.console.services.DispatchApi;
import io.jiesu.console.services.EvaluationApi;
import io.jiesu.console.services.IntakeApi;
import io.jiesu.console.services.ServiceRefusal;
import io.jiesu.console.web.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Administration (role admin): the rules each service keeps as data — time limits, the responsibility list,
 * evaluation schemes, the knowledge base, classification rules — changed through that service's admin API. The
 * service validates, versions and audits; a refused change shows the service's reason next to what was changed.
 */
@Path("/admin")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminResource {
    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance index();

        static native TemplateInstance timeLimits(List<Map<String, Object>> policies, String savedId,
                String refusedId, List<String> problems);

        static native TemplateInstance timeLimitHistory(String id,
                List<io.jiesu.console.services.DispatchViews.TimeLimitChange> history);

        static native TemplateInstance routingRules(List<Map<String, Object>> rules);

        static native TemplateInstance routingRuleHistory(String id, Map<String, Object> rule,
                List<Map<String, Object>> history, boolean saved, List<String> problems);

        static native TemplateInstance knowledge(List<Map<String, Object>> entries, String savedId, String refusedId,
                List<String> problems);

        static native TemplateInstance classification(List<Map<String, Object>> rules, String message,
                List<String> problems);

        static native TemplateInstance schemes(List<Map<String, Object>> schemes, String latestJson, String message,
                List<String> problems);
    }

    /** The numeric fields of a time-limit policy, as the form names them. */
    static final List<String> TIME_LIMIT_NUMBERS = List.of("priority", "signForMinutes", "contactMinutes",
            "completionMinutes", "signForRemindMinutes", "contactRemindMinutes", "completionRemindMinutes");

    private final DispatchApi dispatch;
    private final IntakeApi intake;
    private final EvaluationApi evaluation;
    private final Page page;

    AdminResource(@RestClient DispatchApi dispatch, @RestClient IntakeApi intake,
            @RestClient EvaluationApi evaluation, Page page) {
        this.dispatch = dispatch;
        this.intake = intake;
        this.evaluation = evaluation;
        this.page = page;
    }

    @GET
    public TemplateInstance index() {
        return page.render(Templates.index().data("nav", "admin"));
    }

    // ---- time limits (dispatch) ----------------------------------------------------------------------------

    @GET
    @Path("time-limits")
    public TemplateInstance timeLimits() {
        return timeLimitsPage(null, null, List.of());
    }

    @POST
    @Path("time-limits/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveTimeLimit(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("id", id);
        policy.put("urgency", blank(form.getFirst("urgency")));
        policy.put("appealType", blank(form.getFirst("appealType")));
        for (String n : TIME_LIMIT_NUMBERS) {
            policy.put(n, number(form.getFirst(n)));
        }
        policy.put("description", blank(form.getFirst("description")));
        try {
            dispatch.putTimeLimit(id, policy);
            return Response.ok(timeLimitsPage(id, null, List.of())).build();
        } catch (ServiceRefusal refusal) {
            if (!refusal.isClientError()) {
                throw refusal;
            }
            return Response.status(refusal.status()).entity(timeLimitsPage(null, id, refusal.messages())).build();
        }
    }

    @GET
    @Path("time-limits/{id}")
    public TemplateInstance timeLimitHistory(@PathParam("id") String id) {
        return page.render(Templates.timeLimitHistory(id, dispatch.timeLimitHistory(id)).data("nav", "admin"));
    }

    private TemplateInstance timeLimitsPage(String savedId, String refusedId, List<String> problems) {
        return page.render(Templates.timeLimits(dispatch.timeLimits(), savedId, refusedId, problems)
                .data("nav", "admin").data("appealTypes", java.util.Arrays.stream(
                        io.jiesu.contract.event.Enums.AppealType.values()).map(Enum::name).toList()));
    }

    // ---- responsibility list (dispatch) --------------------------------------------------------------------

    @GET
    @Path("routing-rules")
    public TemplateInstance routingRules() {
        return page.render(Templates.routingRules(dispatch.routingRules()).data("nav", "admin"));
    }

    @GET
    @Path("routing-rules/{id}")
    public TemplateInstance routingRuleHistory(@PathParam("id") String id) {
        return routingRulePage(id, false, List.of());
    }

    /** A new version of one rule; the form carries the version it was read at (dispatch answers 409 if it moved). */
    @POST
    @Path("routing-rules/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeRoutingRule(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("categoryCode", blank(form.getFirst("categoryCode")));
        rule.put("districtCode", blank(form.getFirst("districtCode")));
        rule.put("streetCode", blank(form.getFirst("streetCode")));
        rule.put("target", blank(form.getFirst("target")));
        rule.put("unitCode", blank(form.getFirst("unitCode")));
        rule.put("description", blank(form.getFirst("description")));
        rule.put("active", form.containsKey("active"));
        rule.put("expectedVersion", number(form.getFirst("expectedVersion")));
        rule.put("reason", blank(form.getFirst("reason")));
        try {
            dispatch.changeRoutingRule(id, rule);
            return Response.ok(routingRulePage(id, true, List.of())).build();
        } catch (ServiceRefusal refusal) {
            if (!refusal.isClientError()) {
                throw refusal;
            }
            return Response.status(refusal.status()).entity(routingRulePage(id, false, refusal.messages())).build();
        }
    }

    private TemplateInstance routingRulePage(String id, boolean saved, List<String> problems) {
        return page.render(Templates.routingRuleHistory(id, dispatch.routingRule(id), dispatch.routingRuleHistory(id),
                saved, problems).data("nav", "admin"));
    }

    // ---- knowledge base (intake) ---------------------------------------------------------------------------

    @GET
    @Path("knowledge")
    public TemplateInstance knowledge() {
        return knowledgePage(null, null, List.of());
    }

    @POST
    @Path("knowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveKnowledge(MultivaluedMap<String, String> form) {
        String id = blank(form.getFirst("id"));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("question", blank(form.getFirst("question")));
        entry.put("keywords", blank(form.getFirst("keywords")));
        entry.put("answer", blank(form.getFirst("answer")));
        entry.put("categoryCode", blank(form.getFirst("categoryCode")));
        entry.put("active", form.containsKey("active"));
        try {
            intake.putKnowledge(id == null ? "" : id, entry);
            return Response.ok(knowledgePage(id, null, List.of())).build();
        } catch (ServiceRefusal refusal) {
            if (!refusal.isClientError()) {
                throw refusal;
            }
            return Response.status(refusal.status()).entity(knowledgePage(null, id, refusal.messages())).build();
        }
    }

    private TemplateInstance knowledgePage(String savedId, String refusedId, List<String> problems) {
        return page.render(Templates.knowledge(intake.knowledge(), savedId, refusedId, problems).data("nav", "admin"));
    }

    // ---- classification rules (intake) ---------------------------------------------------------------------

    @GET
    @Path("classification")
    public TemplateInstance classification() {
        return classificationPage(null, List.of());
    }

    @POST
    @Path("classification")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addClassificationRule(MultivaluedMap<String, String> form) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("categoryCode", blank(form.getFirst("categoryCode")));
        rule.put("phrase", blank(form.getFirst("phrase")));
        rule.put("weight", number(form.getFirst("weight")));
        try {
            intake.addClassificationRule(rule);
            return Response.ok(classificationPage(String.valueOf(rule.get("phrase")), List.of())).build();
        } catch (ServiceRefusal refusal) {
            if (!refusal.isClientError()) {
                throw refusal;
            }
            return Response.status(refusal.status()).entity(classificationPage(null, refusal.messages())).build();
        }
    }

    @POST
    @Path("classification/{id}/delete")
    public TemplateInstance deleteClassificationRule(@PathParam("id") long id) {
        intake.deleteClassificationRule(id);
        return classificationPage(null, List.of());
    }

    private TemplateInstance classificationPage(String message, List<String> problems) {
        return page.render(Templates.classification(intake.classificationRules(), message, problems)
                .data("nav", "admin"));
    }

    // ---- evaluation schemes (evaluation) -------------------------------------------------------------------

    @GET
    @Path("schemes")
    public TemplateInstance schemes() {
        return schemesPage(null, null, List.of());
    }

    @POST
    @Path("schemes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addScheme(MultivaluedMap<String, String> form) {
        String json = form.getFirst("scheme");
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> scheme = io.jiesu.contract.Json.mapper().readValue(json == null ? "" : json, Map.class);
            Map<String, Object> saved = evaluation.addScheme(scheme);
            return Response.ok(schemesPage(null, String.valueOf(saved.get("version")), List.of())).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Response.status(400).entity(schemesPage(json, null, List.of(e.getOriginalMessage()))).build();
        } catch (ServiceRefusal refusal) {
            if (!refusal.isClientError()) {
                throw refusal;
            }
            return Response.status(refusal.status()).entity(schemesPage(json, null, refusal.messages())).build();
        }
    }

    private TemplateInstance schemesPage(String draft, String message, List<String> problems) {
        List<Map<String, Object>> schemes = evaluation.schemes();
        String latest = draft;
        if (latest == null && !schemes.isEmpty()) {
            try {
                latest = io.jiesu.contract.Json.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(schemes.get(schemes.size() - 1));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                latest = "";
            }
        }
        return page.render(Templates.schemes(schemes, latest, message, problems).data("nav", "admin"));
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A number as typed; what is not a number goes to the service as it is, which names the field in its answer. */
    static Object number(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return s.trim();
        }
    }
}
