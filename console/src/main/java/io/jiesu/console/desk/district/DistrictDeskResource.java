package io.jiesu.console.desk.district;

import io.jiesu.console.desk.leader.LeaderEvaluationApi;
import io.jiesu.console.services.ServiceRefusal;
import io.jiesu.console.web.Page;
import io.jiesu.console.web.Ui;
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

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The district desk (各区统筹): per street/town and unit of the district its open and overdue orders (dispatch), the
 * overdue orders themselves with a reminder (催办) each, the escalated whistles (whistle), the governance-type
 * streets/towns with their measures (evaluation) and the supervision tasks given to the district (analytics). Every
 * list is the service's answer for the coordinator's token: the services keep a district to its own district.
 */
@Path("/desk/district")
@RolesAllowed("district")
@Produces(MediaType.TEXT_HTML)
public class DistrictDeskResource {
    static final int ORDERS = 50;

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        /** The services' answers come as {@code data(...)}: JSON maps a template reads by key, unchecked. */
        static native TemplateInstance desk(String districtCode);

        static native TemplateInstance reminded(String caseId, boolean sent, String message);
    }

    private final DistrictDispatchApi dispatch;
    private final DistrictWhistleApi whistle;
    private final LeaderEvaluationApi evaluation;
    private final DistrictAnalyticsApi analytics;
    private final Page page;

    DistrictDeskResource(@RestClient DistrictDispatchApi dispatch, @RestClient DistrictWhistleApi whistle,
            @RestClient LeaderEvaluationApi evaluation, @RestClient DistrictAnalyticsApi analytics, Page page) {
        this.dispatch = dispatch;
        this.whistle = whistle;
        this.evaluation = evaluation;
        this.analytics = analytics;
        this.page = page;
    }

    @GET
    public TemplateInstance desk() {
        String district = page.requirePerson().districtCode();
        Map<String, Object> supervision = dispatch.supervision(district);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> units = (List<Map<String, Object>>) supervision.getOrDefault("units", List.of());
        List<Map<String, Object>> busy = units.stream()
                .filter(u -> u.get("open") instanceof Number n && n.longValue() > 0).toList();
        return page.render(Templates.desk(district).data("supervision", supervision)
                .data("overdue", dispatch.overdueOrders(district, "true", "nextDeadline", ORDERS))
                .data("whistles", whistle.whistles(district, "true", 20)).data("governance", latestGovernance())
                .data("tasks", analytics.supervisionTasks("D" + district, 50)).data("busyUnits", busy)
                .data("idleUnits", units.size() - busy.size()).data("nav", "district"));
    }

    /** 催办 in one click: dispatch decides (its own district's orders only, at most one per interval). */
    @POST
    @Path("orders/{caseId}/remind")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance remind(@PathParam("caseId") String caseId, @FormParam("message") String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message == null || message.isBlank() ? null : message.strip());
        try {
            Map<String, Object> sent = dispatch.remind(caseId, body);
            return page.render(Templates.reminded(caseId, true, String.valueOf(sent.get("reminderCount"))));
        } catch (ServiceRefusal refusal) {
            if (refusal.isTooMany()) {
                // whole minutes, rounded up: "in 0 minutes" would invite a click that is refused again; no
                // Retry-After (or an HTTP date): say "about a minute" rather than nothing
                return page.render(Templates.reminded(caseId, false, null)
                        .data("retryMinutes", (refusal.retryAfterSeconds().orElse(60) + 59) / 60));
            }
            if (!refusal.isClientError()) {
                throw refusal;
            }
            return page.render(Templates.reminded(caseId, false, String.join("; ", refusal.messages())));
        }
    }

    /** This month's governance list, else last month's (a month is published after it ends); null when neither is. */
    private Map<String, Object> latestGovernance() {
        YearMonth now = YearMonth.now(Ui.BEIJING);
        for (YearMonth m : List.of(now, now.minusMonths(1))) {
            try {
                return evaluation.governance(m.toString());
            } catch (ServiceRefusal refusal) {
                if (refusal.status() != 404) {
                    throw refusal;
                }
            }
        }
        return null;
    }
}
