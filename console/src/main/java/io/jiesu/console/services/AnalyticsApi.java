package io.jiesu.console.services;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/** analytics-service (民生大数据), called for the signed-in person. */
@RegisterRestClient(configKey = "analytics")
@RegisterProvider(BearerForwarding.class)
@RegisterProvider(ServiceRefusalMapper.class)
@Path("/api/v1")
public interface AnalyticsApi {
    @GET
    @Path("risk-alerts")
    List<Map<String, Object>> riskAlerts(@QueryParam("status") String status, @QueryParam("limit") int limit);
}
