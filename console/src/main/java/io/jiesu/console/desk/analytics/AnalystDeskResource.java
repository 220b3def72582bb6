package io.jiesu.console.desk.analytics;

import io.jiesu.console.services.AnalyticsApi;
import io.jiesu.console.web.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.Map;

/** The analyst's landing page: analytics' open risk alerts (风险预警), newest first. */
@Path("/desk/analytics")
@RolesAllowed({"analyst", "admin"})
@Produces(MediaType.TEXT_HTML)
public class AnalystDeskResource {
    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance alerts(List<Map<String, Object>> alerts);
    }

    private final AnalyticsApi analytics;
    private final Page page;

    AnalystDeskResource(@RestClient AnalyticsApi analytics, Page page) {
        this.analytics = analytics;
        this.page = page;
    }

    @GET
    public TemplateInstance alerts() {
        return page.render(Templates.alerts(analytics.riskAlerts("OPEN", 100)).data("nav", "analytics"));
    }
}
