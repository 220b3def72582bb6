package io.jiesu.console.desk.analytics;

import io.jiesu.console.desk.leader.LeaderAnalyticsApi;
import io.jiesu.console.services.AnalyticsApi;
import io.jiesu.console.web.Labels;
import io.jiesu.console.web.Page;
import io.jiesu.contract.reference.ReferenceData;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analyst's landing page: analytics' risk alerts (风险预警) still to be dealt with — open and being acted on —
 * newest first; and the analytics dashboard inside the signed-in session: the page fetches the dashboard's JSON from
 * the console (same origin, session cookie), which asks analytics with the person's token — no token in a URL or in
 * the browser — and draws it with ECharts from the console's own WebJar.
 */
@Path("/desk/analytics")
@RolesAllowed({"analyst", "admin"})
@Produces(MediaType.TEXT_HTML)
public class AnalystDeskResource {
    /** The statuses of an alert that still asks for something: raised, or with a work order or task under way. */
    static final List<String> UNFINISHED = List.of("OPEN", "ACTING");

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance alerts(List<Map<String, Object>> alerts);

        static native TemplateInstance dashboard();
    }

    private final AnalyticsApi analytics;
    private final LeaderAnalyticsApi dashboard;
    private final Page page;

    AnalystDeskResource(@RestClient AnalyticsApi analytics, @RestClient LeaderAnalyticsApi dashboard, Page page) {
        this.analytics = analytics;
        this.dashboard = dashboard;
        this.page = page;
    }

    @GET
    public TemplateInstance alerts() {
        List<Map<String, Object>> alerts = new ArrayList<>();
        UNFINISHED.forEach(status -> alerts.addAll(analytics.riskAlerts(status, 100)));
        // ISO instants sort as text; newest first across both statuses
        alerts.sort(Comparator.comparing((Map<String, Object> a) -> String.valueOf(a.get("raisedAt"))).reversed());
        return page.render(Templates.alerts(alerts).data("nav", "analytics"));
    }

    @GET
    @Path("dashboard")
    @RolesAllowed({"analyst", "admin", "leader"})
    public TemplateInstance dashboard() {
        return page.render(Templates.dashboard().data("nav", "dashboard"));
    }

    /** The dashboard's data as analytics answers it for this person (fetched by the page, same origin). */
    @GET
    @Path("dashboard.json")
    @RolesAllowed({"analyst", "admin", "leader"})
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> dashboardData() {
        Map<String, Object> data = new LinkedHashMap<>(dashboard.dashboard());
        // words for the codes the charts show, in the page's language (presentation only)
        Map<String, String> names = new LinkedHashMap<>();
        ReferenceData.get().districts().forEach(d -> names.put(d.code(), d.name()));
        for (Object row : data.get("byChannel") instanceof List<?> l ? l : List.of()) {
            if (row instanceof Map<?, ?> m && m.get("key") != null) {
                names.put(String.valueOf(m.get("key")), Labels.of(m.get("key"), page.locale()));
            }
        }
        data.put("names", names);
        return data;
    }
}
