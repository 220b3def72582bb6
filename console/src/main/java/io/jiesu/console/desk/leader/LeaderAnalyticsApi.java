package io.jiesu.console.desk.leader;

import io.jiesu.console.services.BearerForwarding;
import io.jiesu.console.services.ServiceRefusalMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.Map;

/**
 * analytics-service for the leaders' and analysts' desks: monthly topics (每月一题), the year's problem list (一方案三清单)
 * and the dashboard's data.
 */
@RegisterRestClient(configKey = "analytics")
@RegisterProvider(BearerForwarding.class)
@RegisterProvider(ServiceRefusalMapper.class)
@Path("/api/v1")
public interface LeaderAnalyticsApi {
    @GET
    @Path("monthly-topics")
    List<Map<String, Object>> topics();

    @GET
    @Path("monthly-topics/candidates")
    List<Map<String, Object>> candidates(@QueryParam("period") String period, @QueryParam("limit") int limit);

    @POST
    @Path("monthly-topics")
    Map<String, Object> adoptTopic(Map<String, Object> adoption);

    @GET
    @Path("problem-list")
    List<Map<String, Object>> problems(@QueryParam("year") String year);

    @POST
    @Path("problem-list/{year}/proposals")
    Map<String, Object> propose(@PathParam("year") String year);

    @POST
    @Path("problem-list/entries/{entryId}/adopt")
    Map<String, Object> adopt(@PathParam("entryId") String entryId, Map<String, Object> adoption);

    @GET
    @Path("dashboard")
    Map<String, Object> dashboard();
}
